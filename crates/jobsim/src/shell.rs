//! A tiny model of what a container's command does: shell scripts built
//! from `sleep`, `exit`, `echo`, `date`, `true`, `false`, `;`, `&&`, `||`
//! and `$VAR` expansion, and the docs' `perl -Mbignum=bpi -wle 'print
//! bpi(N)'`, which prints π to N digits. Anything else is "not modelled":
//! the kubelet falls back to the scenario's default run, and the log says
//! the command was not run (`not_run_line`).

use crate::clock::{civil_from_days, parse_duration};

/// What one run of a container does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub duration_ms: u64,
    pub exit_code: i32,
    /// Log lines with their offset from the container start.
    pub output: Vec<(u64, String)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Word {
    Literal(String),
    /// Parts joined after expansion; `true` = variable name.
    Parts(Vec<(bool, String)>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Seq,
    And,
    Or,
}

/// A parsed script: a list of simple commands with the operator that
/// joins each one to the previous.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    cmds: Vec<(Op, Vec<Word>)>,
    /// `perl ... print bpi(N)`: π to N significant digits.
    pi_digits: Option<u32>,
    /// Run time and exit code when they cannot depend on the environment
    /// (no `$VAR` anywhere): worked out once, not per pod.
    fixed: Option<(u64, i32)>,
}

/// Most digits of π the playground computes (the spigot is quadratic; a
/// shared link must not freeze a tab). More are asked for: these are
/// printed and a line says so.
pub const MAX_PI_DIGITS: u32 = 5000;

/// The log line of a container whose command the model does not run.
pub fn not_run_line(argv: &[String]) -> String {
    if argv.is_empty() {
        "[job playground] the image's default command is not run here; this container's exit code and run time come from the Scenario (timings.defaultRun, behaviors)".into()
    } else {
        format!(
            "[job playground] `{}` is not run here; this container's exit code and run time come from the Scenario (timings.defaultRun, behaviors)",
            argv.join(" ")
        )
    }
}

/// `N` of perl's `print bpi(N)` (the docs' pi Job), if that is the program.
fn perl_bpi(argv: &[&str]) -> Option<u32> {
    if !matches!(argv.first(), Some(&"perl") | Some(&"/usr/bin/perl")) {
        return None;
    }
    if !argv
        .iter()
        .any(|a| a.starts_with("-Mbignum=") && a.contains("bpi"))
    {
        return None;
    }
    let code = argv.last()?.trim();
    let n = code
        .strip_prefix("print bpi(")?
        .trim_end_matches(';')
        .strip_suffix(')')?;
    n.trim().parse().ok().filter(|&n: &u32| n > 0)
}

/// π to `n` significant digits, rounded as Math::BigFloat's `bpi(n)`
/// prints it (`3.14159...`): the Rabinowitz–Wagon spigot, with guard
/// digits for the rounding.
pub fn pi_string(n: u32) -> String {
    let n = n.max(1) as usize;
    let want = n + 8;
    // The spigot prints a leading 0, then 3, 1, 4, ...
    let len = (want + 1) * 10 / 3 + 1;
    let mut a = vec![2u64; len];
    let mut digits: Vec<u8> = Vec::with_capacity(want + 2);
    let (mut nines, mut predigit) = (0usize, 0u64);
    for _ in 0..=want {
        let mut q = 0u64;
        for i in (1..=len).rev() {
            let x = 10 * a[i - 1] + q * i as u64;
            let d = 2 * i as u64 - 1;
            a[i - 1] = x % d;
            q = x / d;
        }
        a[0] = q % 10;
        q /= 10;
        if q == 9 {
            nines += 1;
        } else if q == 10 {
            digits.push((predigit + 1) as u8);
            digits.extend(std::iter::repeat_n(0, nines));
            predigit = 0;
            nines = 0;
        } else {
            digits.push(predigit as u8);
            predigit = q;
            digits.extend(std::iter::repeat_n(9, nines));
            nines = 0;
        }
    }
    digits.push(predigit as u8);
    let mut d: Vec<u8> = digits[1..].to_vec();
    d.truncate(n + 1);
    // Round half up at digit n (π's expansion never ends in ...5000).
    let up = d.get(n).is_some_and(|&x| x >= 5);
    d.truncate(n);
    if up {
        for x in d.iter_mut().rev() {
            if *x == 9 {
                *x = 0;
            } else {
                *x += 1;
                break;
            }
        }
    }
    let mut out = String::with_capacity(n + 1);
    out.push((b'0' + d[0]) as char);
    if n > 1 {
        out.push('.');
        out.extend(d[1..].iter().map(|&x| (b'0' + x) as char));
    }
    out
}

const SHELLS: [&str; 8] = [
    "sh",
    "/bin/sh",
    "bash",
    "/bin/bash",
    "ash",
    "/bin/ash",
    "/usr/bin/env",
    "/usr/bin/sh",
];
const BUILTINS: [&str; 7] = ["sleep", "exit", "echo", "date", "true", "false", ":"];

impl Program {
    /// Builds the program for a container's `command` + `args` (as the
    /// runtime concatenates them). `None` when the command is not one we
    /// model, including an image's default entrypoint (no command at all).
    pub fn from_container(command: &[String], args: &[String]) -> Option<Program> {
        let mut prog = Program::build(command, args)?;
        let expands = prog
            .cmds
            .iter()
            .flat_map(|(_, w)| w)
            .any(|w| matches!(w, Word::Parts(_)));
        if !expands {
            let r = prog.run_impl(&|_| None, 0, false);
            prog.fixed = Some((r.duration_ms, r.exit_code));
        }
        Some(prog)
    }

    /// Run time and exit code of a run, without its log text.
    pub fn outcome(&self, env: &dyn Fn(&str) -> Option<String>) -> (u64, i32) {
        self.fixed.unwrap_or_else(|| {
            let r = self.run_impl(env, 0, false);
            (r.duration_ms, r.exit_code)
        })
    }

    fn build(command: &[String], args: &[String]) -> Option<Program> {
        let argv: Vec<&str> = command.iter().chain(args).map(String::as_str).collect();
        let first = *argv.first()?;
        if let Some(n) = perl_bpi(&argv) {
            return Some(Program {
                cmds: Vec::new(),
                pi_digits: Some(n),
                fixed: None,
            });
        }
        if SHELLS.contains(&first) {
            if first == "/usr/bin/env" {
                return None;
            }
            // `sh -c SCRIPT [name args...]`; flags like `-e`/`-x` before -c are tolerated.
            let mut i = 1;
            while i < argv.len() && argv[i].starts_with('-') && argv[i] != "-c" {
                i += 1;
            }
            if argv.get(i) != Some(&"-c") {
                return None;
            }
            return Program::parse(argv.get(i + 1)?);
        }
        if BUILTINS.contains(&first) {
            let words = argv.iter().map(|w| Word::Literal(w.to_string())).collect();
            return Some(Program {
                cmds: vec![(Op::Seq, words)],
                pi_digits: None,
                fixed: None,
            });
        }
        None
    }

    /// Parses a script; `None` if it uses anything outside the model.
    fn parse(script: &str) -> Option<Program> {
        if script.len() > 64 * 1024 {
            return None;
        }
        let mut cmds = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut pending_op = Op::Seq;
        let mut cur: Vec<(bool, String)> = Vec::new();
        let mut in_word = false;
        let chars: Vec<char> = script.chars().collect();
        let mut i = 0;

        fn end_word(words: &mut Vec<Word>, cur: &mut Vec<(bool, String)>, in_word: &mut bool) {
            if *in_word {
                let parts = std::mem::take(cur);
                if parts.iter().all(|(v, _)| !v) {
                    words.push(Word::Literal(parts.into_iter().map(|p| p.1).collect()));
                } else {
                    words.push(Word::Parts(parts));
                }
                *in_word = false;
            }
        }
        fn push_lit(cur: &mut Vec<(bool, String)>, c: char) {
            match cur.last_mut() {
                Some((false, s)) => s.push(c),
                _ => cur.push((false, c.to_string())),
            }
        }
        // Reads `$NAME`, `${NAME}` or `$?` at chars[i] == '$'; returns the new index.
        fn read_var(chars: &[char], i: usize, cur: &mut Vec<(bool, String)>) -> Option<usize> {
            let mut j = i + 1;
            if chars.get(j) == Some(&'{') {
                let start = j + 1;
                let end = chars[start..].iter().position(|&c| c == '}')? + start;
                let name: String = chars[start..end].iter().collect();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return None;
                }
                cur.push((true, name));
                return Some(end + 1);
            }
            if chars.get(j) == Some(&'?') {
                cur.push((true, "?".into()));
                return Some(j + 1);
            }
            let start = j;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j == start {
                // A lone `$` is literal; `$(`, `$((` etc. are not modelled.
                if matches!(
                    chars.get(j),
                    Some('(') | Some('$') | Some('@') | Some('*') | Some('#')
                ) {
                    return None;
                }
                push_lit(cur, '$');
                return Some(j);
            }
            cur.push((true, chars[start..j].iter().collect()));
            Some(j)
        }

        while i < chars.len() {
            let c = chars[i];
            match c {
                ' ' | '\t' => {
                    end_word(&mut words, &mut cur, &mut in_word);
                    i += 1;
                }
                '\\' if chars.get(i + 1) == Some(&'\n') => i += 2,
                '#' if !in_word => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                ';' | '\n' | '&' | '|' => {
                    end_word(&mut words, &mut cur, &mut in_word);
                    let op = match (c, chars.get(i + 1)) {
                        ('&', Some('&')) => {
                            i += 2;
                            Op::And
                        }
                        ('|', Some('|')) => {
                            i += 2;
                            Op::Or
                        }
                        (';', _) | ('\n', _) => {
                            i += 1;
                            Op::Seq
                        }
                        _ => return None, // pipes and background jobs are not modelled
                    };
                    if words.is_empty() {
                        if op != Op::Seq {
                            return None; // `&& x` with nothing before it is a syntax error
                        }
                    } else {
                        cmds.push((pending_op, std::mem::take(&mut words)));
                    }
                    pending_op = op;
                }
                '\'' => {
                    in_word = true;
                    let end = chars[i + 1..].iter().position(|&c| c == '\'')? + i + 1;
                    match cur.last_mut() {
                        Some((false, s)) => s.extend(&chars[i + 1..end]),
                        _ => cur.push((false, chars[i + 1..end].iter().collect())),
                    }
                    if end == i + 1 && cur.is_empty() {
                        cur.push((false, String::new()));
                    }
                    i = end + 1;
                }
                '"' => {
                    in_word = true;
                    let mut j = i + 1;
                    let mut closed = false;
                    if chars.get(j) == Some(&'"') {
                        cur.push((false, String::new()));
                    }
                    while j < chars.len() {
                        match chars[j] {
                            '"' => {
                                closed = true;
                                j += 1;
                                break;
                            }
                            '\\' if matches!(chars.get(j + 1), Some('"' | '\\' | '$' | '`')) => {
                                push_lit(&mut cur, chars[j + 1]);
                                j += 2;
                            }
                            '$' => j = read_var(&chars, j, &mut cur)?,
                            '`' => return None,
                            ch => {
                                push_lit(&mut cur, ch);
                                j += 1;
                            }
                        }
                    }
                    if !closed {
                        return None;
                    }
                    i = j;
                }
                '$' => {
                    in_word = true;
                    i = read_var(&chars, i, &mut cur)?;
                }
                '`' | '(' | ')' | '<' | '>' | '{' | '}' | '*' | '?' | '[' => return None,
                '\\' => {
                    in_word = true;
                    if let Some(&n) = chars.get(i + 1) {
                        push_lit(&mut cur, n);
                    }
                    i += 2;
                }
                _ => {
                    in_word = true;
                    push_lit(&mut cur, c);
                    i += 1;
                }
            }
        }
        end_word(&mut words, &mut cur, &mut in_word);
        if !words.is_empty() {
            cmds.push((pending_op, words));
        } else if pending_op != Op::Seq {
            return None;
        }
        // Only known commands, and no variable assignments.
        for (_, w) in &cmds {
            match &w[0] {
                Word::Literal(name) if BUILTINS.contains(&name.as_str()) => {}
                _ => return None,
            }
        }
        Some(Program {
            cmds,
            pi_digits: None,
            fixed: None,
        })
    }

    /// Runs the program. `env` resolves variables; `start_unix` is the wall
    /// clock at container start (for `date`).
    pub fn run(&self, env: &dyn Fn(&str) -> Option<String>, start_unix: i64) -> Run {
        self.run_impl(env, start_unix, true)
    }

    fn run_impl(&self, env: &dyn Fn(&str) -> Option<String>, start_unix: i64, logs: bool) -> Run {
        if let Some(n) = self.pi_digits {
            return pi_run(n, logs);
        }
        let mut t: u64 = 0;
        let mut last: i32 = 0;
        let mut output = Vec::new();
        let mut emit = |t: u64, line: &dyn Fn() -> String| {
            if logs {
                output.push((t, line()));
            }
        };
        for (op, words) in &self.cmds {
            match op {
                Op::And if last != 0 => continue,
                Op::Or if last == 0 => continue,
                _ => {}
            }
            // Literal words are borrowed: most scripts expand nothing.
            let argv: Vec<std::borrow::Cow<str>> = words
                .iter()
                .map(|w| match w {
                    Word::Literal(s) => std::borrow::Cow::Borrowed(s.as_str()),
                    Word::Parts(parts) => std::borrow::Cow::Owned(
                        parts
                            .iter()
                            .map(|(is_var, s)| {
                                if !*is_var {
                                    s.clone()
                                } else if s == "?" {
                                    last.to_string()
                                } else {
                                    env(s).unwrap_or_default()
                                }
                            })
                            .collect(),
                    ),
                })
                .collect();
            let args = &argv[1..];
            match argv[0].as_ref() {
                "sleep" => {
                    let mut total = 0u64;
                    let mut ok = !args.is_empty();
                    for a in args {
                        match parse_duration(a.as_ref()) {
                            Ok(d) => total = total.saturating_add(d.as_millis()),
                            Err(_) => ok = false,
                        }
                    }
                    if ok {
                        t = t.saturating_add(total);
                        last = 0;
                    } else {
                        emit(t, &|| "sleep: invalid number".to_string());
                        last = 1;
                    }
                }
                "exit" => {
                    let code = match args.first() {
                        None => last,
                        Some(a) => match a.as_ref().parse::<i64>() {
                            Ok(n) => (n & 0xff) as i32,
                            Err(_) => 2,
                        },
                    };
                    return Run {
                        duration_ms: t,
                        exit_code: code,
                        output,
                    };
                }
                "echo" => {
                    // Flags change only trailing newlines and escapes; logs are per line.
                    let mut a = args;
                    while a
                        .first()
                        .is_some_and(|f| matches!(f.as_ref(), "-n" | "-e" | "-E"))
                    {
                        a = &a[1..];
                    }
                    emit(t, &|| {
                        let words: Vec<&str> = a.iter().map(|w| w.as_ref()).collect();
                        words.join(" ")
                    });
                    last = 0;
                }
                "date" => {
                    emit(t, &|| busybox_date(start_unix + (t / 1000) as i64));
                    last = 0;
                }
                "true" | ":" => last = 0,
                "false" => last = 1,
                _ => unreachable!("checked at parse time"),
            }
        }
        Run {
            duration_ms: t,
            exit_code: last,
            output,
        }
    }
}

/// `date` as busybox prints it in a UTC container: `Sat Jul  6 12:21:46 UTC 2024`.
fn busybox_date(unix: i64) -> String {
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix.div_euclid(86_400);
    let rem = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{} {} {d:>2} {:02}:{:02}:{:02} UTC {y}",
        WD[days.rem_euclid(7) as usize],
        MON[(m - 1) as usize],
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// The docs' pi Job: "It takes around 10s to complete" for 2,000 digits;
/// the work grows with the square of the digits (at least a second).
fn pi_run(n: u32, logs: bool) -> Run {
    let scale = n as f64 / 2000.0;
    let duration_ms = ((10_000.0 * scale * scale) as u64).max(1000);
    let mut output = Vec::new();
    if logs {
        output.push((duration_ms, pi_string(n.min(MAX_PI_DIGITS))));
        if n > MAX_PI_DIGITS {
            output.push((
                duration_ms,
                format!("[job playground] {MAX_PI_DIGITS} of the {n} digits are printed here"),
            ));
        }
    }
    Run {
        duration_ms,
        exit_code: 0,
        output,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Option<Program> {
        Program::from_container(&["sh".into(), "-c".into(), script.into()], &[])
    }
    fn env(name: &str) -> Option<String> {
        match name {
            "JOB_COMPLETION_INDEX" => Some("3".into()),
            _ => None,
        }
    }

    #[test]
    fn outcome_matches_a_full_run_with_and_without_variables() {
        // A fixed program is worked out once; one that expands a variable
        // must still see the pod's environment.
        let env = |n: &str| (n == "N").then(|| "3".to_string());
        for script in [
            "sleep 20",
            "sleep 1; exit 4",
            "echo hi && false",
            "sleep $N; exit $N",
        ] {
            let p = sh(script).unwrap();
            let full = p.run(&env, 0);
            assert_eq!(
                p.outcome(&env),
                (full.duration_ms, full.exit_code),
                "{script}"
            );
        }
        assert_eq!(sh("sleep $N; exit $N").unwrap().outcome(&env), (3000, 3));
    }

    #[test]
    fn table_of_scripts() {
        // (script, duration ms, exit code, output)
        let cases: &[(&str, u64, i32, &[&str])] = &[
            ("sleep 5; exit 1", 5000, 1, &[]),
            ("sleep 5; exit 0", 5000, 0, &[]),
            (
                "echo hi && false || echo recovered",
                0,
                0,
                &["hi", "recovered"],
            ),
            ("false && sleep 100", 0, 1, &[]),
            ("true || exit 3; sleep 1.5", 1500, 0, &[]),
            (
                "echo \"index $JOB_COMPLETION_INDEX\"; exit $JOB_COMPLETION_INDEX",
                0,
                3,
                &["index 3"],
            ),
            ("echo '$HOME stays'", 0, 0, &["$HOME stays"]),
            ("false; exit", 0, 1, &[]),
            ("sleep 2\nsleep 3\n# done\nexit 256", 5000, 0, &[]),
            ("false; echo $?", 0, 0, &["1"]),
            ("echo ${JOB_COMPLETION_INDEX}x", 0, 0, &["3x"]),
        ];
        for (script, dur, code, out) in cases {
            let p = sh(script).unwrap_or_else(|| panic!("{script} should be modelled"));
            let r = p.run(&env, 0);
            assert_eq!(r.duration_ms, *dur, "{script}");
            assert_eq!(r.exit_code, *code, "{script}");
            let lines: Vec<&str> = r.output.iter().map(|(_, l)| l.as_str()).collect();
            assert_eq!(&lines, out, "{script}");
        }
    }

    #[test]
    fn unmodelled_commands_fall_back() {
        for script in [
            "perl -e 1",
            "echo $(date)",
            "cat x | wc",
            "X=1; echo $X",
            "sleep 1 &",
        ] {
            assert!(sh(script).is_none(), "{script}");
        }
        assert!(Program::from_container(&[], &[]).is_none());
        let cmd: Vec<String> = ["perl", "-e", "print 1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(Program::from_container(&cmd, &[]).is_none());
    }

    #[test]
    fn the_docs_pi_job_prints_pi_to_its_digit_count() {
        // Math::BigFloat bpi(N): N significant digits, rounded.
        assert_eq!(pi_string(1), "3");
        assert_eq!(pi_string(10), "3.141592654");
        assert_eq!(pi_string(15), "3.14159265358979");
        assert_eq!(
            pi_string(50),
            "3.1415926535897932384626433832795028841971693993751"
        );
        let cmd: Vec<String> = ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let r = Program::from_container(&cmd, &[])
            .expect("the docs' pi Job")
            .run(&env, 0);
        assert_eq!(r.exit_code, 0);
        assert_eq!(r.duration_ms, 10_000, "the docs: around 10 s");
        assert_eq!(r.output.len(), 1);
        let pi = &r.output[0].1;
        assert_eq!(pi.len(), 2001, "3, the point, 1,999 decimals");
        // The Feynman point: six 9s from decimal 762.
        assert_eq!(&pi[2 + 761..2 + 767], "999999");
        // The docs' `kubectl logs` sample output ends so.
        assert!(
            pi.ends_with("...04780275901".trim_start_matches('.')),
            "{}",
            &pi[1990..]
        );
    }

    #[test]
    fn command_and_args_are_concatenated() {
        let p =
            Program::from_container(&["/bin/sh".into()], &["-c".into(), "exit 7".into()]).unwrap();
        assert_eq!(p.run(&env, 0).exit_code, 7);
        let p = Program::from_container(&["sleep".into(), "30".into()], &[]).unwrap();
        assert_eq!(p.run(&env, 0).duration_ms, 30_000);
    }

    #[test]
    fn date_prints_busybox_format() {
        let p = sh("date; echo Hello from the Kubernetes cluster").unwrap();
        let r = p.run(&env, 1_720_268_506); // 2024-07-06T12:21:46Z
        assert_eq!(r.output[0].1, "Sat Jul  6 12:21:46 UTC 2024");
        assert_eq!(r.output[1].1, "Hello from the Kubernetes cluster");
    }
}
