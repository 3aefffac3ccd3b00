//! Go's `text/tabwriter` column algorithm, which kubectl's printers and
//! `describe` rely on: consecutive lines that share a tab-terminated cell
//! form a column block, padded to its widest cell.

pub struct TabWriter {
    min_width: usize,
    padding: usize,
    lines: Vec<Vec<String>>,
}

impl TabWriter {
    /// kubectl get: `GetNewTabWriter` (minwidth 6, padding 3).
    pub fn get() -> TabWriter {
        TabWriter {
            min_width: 6,
            padding: 3,
            lines: Vec::new(),
        }
    }
    /// kubectl describe: minwidth 0, padding 2.
    pub fn describe() -> TabWriter {
        TabWriter {
            min_width: 0,
            padding: 2,
            lines: Vec::new(),
        }
    }

    /// Adds text; tabs separate cells, newlines end lines.
    pub fn write(&mut self, text: &str) {
        if self.lines.is_empty() {
            self.lines.push(vec![String::new()]);
        }
        for (i, l) in text.split('\n').enumerate() {
            if i > 0 {
                self.lines.push(vec![String::new()]);
            }
            let mut cells = l.split('\t');
            let line = self.lines.last_mut().expect("a line");
            line.last_mut()
                .expect("a cell")
                .push_str(cells.next().unwrap_or(""));
            for c in cells {
                line.push(c.to_string());
            }
        }
    }

    pub fn line(&mut self, text: &str) {
        self.write(text);
        self.write("\n");
    }

    pub fn finish(mut self) -> String {
        // A trailing empty line is the one after the last newline.
        if self
            .lines
            .last()
            .is_some_and(|l| l.len() == 1 && l[0].is_empty())
        {
            self.lines.pop();
        }
        let mut out = String::new();
        let mut widths = Vec::new();
        self.format(&mut out, &mut widths, 0, self.lines.len());
        out
    }

    fn format(&self, out: &mut String, widths: &mut Vec<usize>, mut line0: usize, line1: usize) {
        let column = widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(out, widths, line0, this);
            line0 = this;
            let mut width = self.min_width;
            while this < line1 && column + 1 < self.lines[this].len() {
                let w = self.lines[this][column].chars().count() + self.padding;
                width = width.max(w);
                this += 1;
            }
            widths.push(width);
            self.format(out, widths, line0, this);
            widths.pop();
            line0 = this;
        }
        self.write_lines(out, widths, line0, line1);
    }

    fn write_lines(&self, out: &mut String, widths: &[usize], line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if j + 1 < line.len() {
                    if let Some(&w) = widths.get(j) {
                        let n = w.saturating_sub(cell.chars().count());
                        out.extend(std::iter::repeat_n(' ', n));
                    }
                }
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_like_go_tabwriter() {
        let mut t = TabWriter::get();
        t.line("NAME\tREADY\tSTATUS\tRESTARTS\tAGE");
        t.line("abnormal-end-0-fbwzk\t0/2\tError\t0\t3m38s");
        assert_eq!(
            t.finish(),
            "NAME                   READY   STATUS   RESTARTS   AGE\nabnormal-end-0-fbwzk   0/2     Error    0          3m38s\n"
        );
        // A line without a tab ends the column block.
        let mut t = TabWriter::describe();
        t.line("Name:\tx");
        t.line("Completed Indexes:\t<none>");
        t.line("Pod Template:");
        t.line("  Labels:\ty");
        assert_eq!(
            t.finish(),
            "Name:               x\nCompleted Indexes:  <none>\nPod Template:\n  Labels:  y\n"
        );
    }
}
