//! Resource quantities (`500m`, `2`, `32Gi`, `1e3`), as in apimachinery's
//! `resource.Quantity`, reduced to the integer forms the scheduler needs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A quantity as written by the user; `milli` is the value × 1000, which
/// gives millicores for cpu and milli-bytes for memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Quantity {
    pub text: String,
    pub milli: i128,
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text)
    }
}

impl Quantity {
    pub fn parse(s: &str) -> Result<Quantity, String> {
        let t = s.trim();
        let err = || {
            format!("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got {s:?})")
        };
        if t.is_empty() || t.len() > 64 {
            return Err(err());
        }
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(split);
        let (int_part, frac_part) = match num.split_once('.') {
            Some((a, b)) => (a, b),
            None => (num, ""),
        };
        let neg = int_part.starts_with('-');
        let int_digits = int_part.strip_prefix(['+', '-']).unwrap_or(int_part);
        if (int_digits.is_empty() && frac_part.is_empty())
            || !int_digits.chars().all(|c| c.is_ascii_digit())
            || !frac_part.chars().all(|c| c.is_ascii_digit())
        {
            return Err(err());
        }
        // Work in units of 10^-9 to keep fractions like 0.5 or 1.5Gi exact.
        let mut nano: i128 = 0;
        for c in int_digits.chars() {
            nano = nano.checked_mul(10).ok_or_else(err)? + (c as i128 - '0' as i128);
            if nano > 1_000_000_000_000_000_000 {
                return Err(err());
            }
        }
        nano *= 1_000_000_000;
        let mut scale = 100_000_000i128;
        for c in frac_part.chars().take(9) {
            nano += (c as i128 - '0' as i128) * scale;
            scale /= 10;
        }
        let (mul, div): (i128, i128) = match suffix {
            "" => (1, 1),
            "n" => (1, 1_000_000_000),
            "u" => (1, 1_000_000),
            "m" => (1, 1000),
            "k" => (1000, 1),
            "M" => (1_000_000, 1),
            "G" => (1_000_000_000, 1),
            "T" => (1_000_000_000_000, 1),
            "P" => (1_000_000_000_000_000, 1),
            "Ki" => (1 << 10, 1),
            "Mi" => (1 << 20, 1),
            "Gi" => (1 << 30, 1),
            "Ti" => (1 << 40, 1),
            "Pi" => (1 << 50, 1),
            s if s.starts_with(['e', 'E']) => {
                let exp: u32 = s[1..].parse().map_err(|_| err())?;
                if exp > 18 {
                    return Err(err());
                }
                (10i128.pow(exp), 1)
            }
            _ => return Err(err()),
        };
        let milli = nano
            .checked_mul(mul)
            .ok_or_else(err)?
            .checked_div(div * 1_000_000)
            .ok_or_else(err)?;
        Ok(Quantity {
            text: t.to_string(),
            milli: if neg { -milli } else { milli },
        })
    }

    /// Whole units, rounded up (bytes for memory, count for pods/gpus).
    pub fn value(&self) -> i128 {
        (self.milli + 999).div_euclid(1000)
    }

    pub fn from_value(v: i64) -> Quantity {
        Quantity {
            text: v.to_string(),
            milli: v as i128 * 1000,
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a quantity such as \"500m\", \"2\" or \"32Gi\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Quantity, E> {
                Quantity::parse(s).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Quantity, E> {
                Quantity::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Quantity, E> {
                Quantity::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Quantity, E> {
                Quantity::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kubernetes_suffixes() {
        for (s, milli) in [
            ("500m", 500),
            ("2", 2000),
            ("0.5", 500),
            ("1Ki", 1024 * 1000),
            ("32Gi", 32i128 * (1 << 30) * 1000),
            ("1G", 1_000_000_000_000),
            ("1e3", 1_000_000),
            ("1.5Gi", 1536i128 * (1 << 20) * 1000),
        ] {
            assert_eq!(Quantity::parse(s).unwrap().milli, milli, "{s}");
        }
        for bad in ["", "abc", "1Qi", "1.2.3", "--1"] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
    }
}
