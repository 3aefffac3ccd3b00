//! The API server's strict decoding of one parsed document into a typed
//! object: unknown fields, wrong types and missing fields are errors that
//! carry the field path (`spec.template.spec.containers[0].name`).
//!
//! The YAML is parsed once into a value; this walks that value. Decoding
//! each type straight from the YAML event stream instead put a large copy
//! of the stream deserializer into the web bundle for every API type.
//! Scalars are read as the stream deserializer reads them: a string field
//! takes a plain `123` or `true` as its text.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde_norway::Value;
use std::fmt;

/// A decoding error and the path of the field it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError {
            path: String::new(),
            message: msg.to_string(),
        }
    }
}

impl DecodeError {
    /// The field the error is about: the path, with the key itself for an
    /// unknown field (which serde reports at its parent).
    pub fn field_path(&self) -> String {
        match self.unknown_field() {
            Some(f) if self.path.is_empty() => f.to_string(),
            Some(f) => format!("{}.{f}", self.path),
            None => self.path.clone(),
        }
    }

    /// The key of an "unknown field" error.
    pub fn unknown_field(&self) -> Option<&str> {
        self.message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
    }

    /// Puts `seg` (a key, or `[i]`) in front of the path as the error
    /// leaves a field.
    fn under(mut self, seg: &str) -> Self {
        self.path = match (self.path.is_empty(), self.path.starts_with('[')) {
            (true, _) => seg.to_string(),
            (false, true) => format!("{seg}{}", self.path),
            (false, false) => format!("{seg}.{}", self.path),
        };
        self
    }
}

/// Decodes `T` from a parsed document.
pub fn from_value<T: de::DeserializeOwned>(v: &Value) -> Result<T, DecodeError> {
    T::deserialize(At(v))
}

/// A value being decoded.
#[derive(Clone, Copy)]
struct At<'a>(&'a Value);

/// A mapping key as text, for the path of an error under it.
fn key_text(k: &Value) -> String {
    scalar_text(k)
        .or_else(|| k.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

/// What the value is, for an "invalid type" error.
fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (_, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Sequence(_) => de::Unexpected::Seq,
        Value::Mapping(_) => de::Unexpected::Map,
        Value::Tagged(_) => de::Unexpected::Other("a tagged value"),
    }
}

/// serde's "invalid type: X, expected Y", built in one place: the
/// visitors' own fallbacks would be a copy per decoded type.
#[inline(never)]
fn mismatch(v: &Value, expected: &dyn de::Expected) -> DecodeError {
    de::Error::invalid_type(unexpected(v), expected)
}

fn number<'de, V: Visitor<'de>>(n: &serde_norway::Number, v: V) -> Result<V::Value, DecodeError> {
    if let Some(u) = n.as_u64() {
        v.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        v.visit_i64(i)
    } else {
        v.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

impl<'a> At<'a> {
    fn seq<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Sequence(items) => v.visit_seq(Seq {
                items: items.iter(),
                at: 0,
            }),
            // An empty value is an empty list, as in the stream decoder.
            Value::Null => v.visit_seq(Seq {
                items: [].iter(),
                at: 0,
            }),
            other => Err(mismatch(other, &v)),
        }
    }

    fn map<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        static EMPTY: std::sync::OnceLock<serde_norway::Mapping> = std::sync::OnceLock::new();
        let m = match self.0 {
            Value::Mapping(m) => m,
            // An empty value is an empty object, as in the stream decoder.
            Value::Null => EMPTY.get_or_init(serde_norway::Mapping::new),
            other => return Err(mismatch(other, &v)),
        };
        v.visit_map(Map {
            entries: m.iter(),
            entry: None,
        })
    }

    fn scalar<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Number(n) => number(n, v),
            other => Err(mismatch(other, &v)),
        }
    }
}

/// Deserializer methods that all go to one reader of `At`.
macro_rules! forward_to {
    ($target:ident: $($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
                self.$target(v)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for At<'_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => number(n, v),
            Value::String(s) => v.visit_str(s),
            Value::Sequence(_) => self.seq(v),
            Value::Mapping(_) => self.map(v),
            Value::Tagged(t) => Err(de::Error::custom(format!(
                "YAML tag {} is not supported here",
                t.tag
            ))),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Bool(b) => v.visit_bool(*b),
            other => Err(mismatch(other, &v)),
        }
    }

    // Numbers: the visitor converts (and words a range error).
    forward_to!(scalar: deserialize_i32 deserialize_i64 deserialize_u8 deserialize_u16
        deserialize_u32 deserialize_u64 deserialize_f64);
    forward_to!(deserialize_str: deserialize_string deserialize_identifier);
    forward_to!(seq: deserialize_seq);
    forward_to!(map: deserialize_map);

    // Not inlined (here and below): one copy per value type, shared by
    // every field of that type; inlined, each field had its own copy.
    #[inline(never)]
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    #[inline(never)]
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::String(s) => v.visit_str(s),
            other => match scalar_text(other) {
                Some(t) => v.visit_str(&t),
                None => Err(mismatch(other, &v)),
            },
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        self.map(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DecodeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        match self.0 {
            // A unit variant by name, or `{variant: value}`.
            Value::String(s) => v.visit_enum(s.as_str().into_deserializer()),
            Value::Mapping(m) if m.len() == 1 => {
                let (k, val) = m.iter().next().expect("one entry");
                v.visit_enum(Variant { key: k, value: val })
            }
            other => Err(mismatch(other, &v)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u128 f32 char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Value>,
    at: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = DecodeError;
    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let i = self.at;
        self.at += 1;
        seed.deserialize(At(item))
            .map(Some)
            .map_err(|e| e.under(&format!("[{i}]")))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    entries: serde_norway::mapping::Iter<'a>,
    /// The entry whose key was read and whose value is next.
    entry: Option<(&'a Value, &'a Value)>,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = DecodeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((k, v)) = self.entries.next() else {
            return Ok(None);
        };
        self.entry = Some((k, v));
        // An unknown key is reported at its parent, as the stream decoder
        // does; the caller appends the key.
        seed.deserialize(At(k)).map(Some)
    }
    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let (k, v) = self.entry.take().unwrap_or((&Value::Null, &Value::Null));
        seed.deserialize(At(v)).map_err(|e| e.under(&key_text(k)))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant<'a> {
    key: &'a Value,
    value: &'a Value,
}

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a> {
    type Error = DecodeError;
    type Variant = VariantValue<'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantValue<'a>), DecodeError> {
        let name = seed.deserialize(At(self.key))?;
        Ok((
            name,
            VariantValue {
                value: self.value,
                key: self.key,
            },
        ))
    }
}

struct VariantValue<'a> {
    value: &'a Value,
    key: &'a Value,
}

impl<'de> de::VariantAccess<'de> for VariantValue<'_> {
    type Error = DecodeError;
    fn unit_variant(self) -> Result<(), DecodeError> {
        de::Deserialize::deserialize(At(self.value)).map_err(|e| e.under(&key_text(self.key)))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DecodeError> {
        seed.deserialize(At(self.value))
            .map_err(|e| e.under(&key_text(self.key)))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_seq(At(self.value), v)
            .map_err(|e| e.under(&key_text(self.key)))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_map(At(self.value), v)
            .map_err(|e| e.under(&key_text(self.key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Inner {
        name: String,
        count: Option<i32>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
    }

    fn decode<T: de::DeserializeOwned>(yaml: &str) -> Result<T, DecodeError> {
        from_value(&serde_norway::from_str::<Value>(yaml).unwrap())
    }

    #[test]
    fn errors_carry_the_field_path_as_the_stream_decoder_words_it() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "items: [{name: a, cnt: 1}]",
                "items[0]",
                "unknown field `cnt`",
            ),
            ("items: [{name: a}, {}]", "items[1]", "missing field `name`"),
            (
                "items: [{name: a, count: x}]",
                "items[0].count",
                "invalid type: string \"x\", expected i32",
            ),
            (
                "items: [{name: a, count: 3000000000}]",
                "items[0].count",
                "invalid value: integer `3000000000`, expected i32",
            ),
        ];
        for (yaml, path, msg) in cases {
            let e = decode::<Outer>(yaml).unwrap_err();
            assert_eq!(e.path, *path, "{yaml}");
            assert!(e.message.starts_with(msg), "{yaml}: {}", e.message);
        }
        // The field an unknown-field error is about carries its own key.
        let e = decode::<Outer>("items: [{name: a, cnt: 1}]").unwrap_err();
        assert_eq!(
            (e.unknown_field(), e.field_path().as_str()),
            (Some("cnt"), "items[0].cnt")
        );
        let e = decode::<Outer>("items: [{name: a, count: x}]").unwrap_err();
        assert_eq!(
            (e.unknown_field(), e.field_path().as_str()),
            (None, "items[0].count")
        );
    }

    #[test]
    fn an_empty_or_null_list_or_object_is_empty() {
        // An empty value decodes as empty, as in the stream decoder; an
        // explicit null too, as the API server's JSON decoding leaves a
        // null field at its zero value.
        for yaml in ["items:", "items: null", "items: ~", "items: []"] {
            let o: Outer = decode(yaml).unwrap();
            assert!(o.items.is_empty(), "{yaml}");
        }
        let e = decode::<Outer>("items: 3").unwrap_err();
        assert_eq!(e.message, "invalid type: integer `3`, expected a sequence");
        let e = decode::<Outer>("items: [3]").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            (
                "items[0]",
                "invalid type: integer `3`, expected struct Inner"
            )
        );
    }

    #[test]
    fn a_string_field_takes_a_plain_scalar_as_text() {
        // As the stream decoder: `name: 123` is the string "123".
        let o: Outer = decode("items: [{name: 123, count: 2}, {name: true}]").unwrap();
        assert_eq!(o.items[0].name, "123");
        assert_eq!(o.items[0].count, Some(2));
        assert_eq!(o.items[1].name, "true");
        assert_eq!(o.items[1].count, None);
    }
}
