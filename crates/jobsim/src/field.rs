//! apimachinery's `field.Error` and the lines kubectl builds from a list of
//! them (a leaf: validation produces these, the manifest reader locates
//! them, drivers word them).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorType {
    Required,
    Invalid,
    NotSupported,
    Duplicate,
    Forbidden,
    TooMany,
    NotFound,
}

/// One `field.Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub kind: ErrorType,
    /// The bad value, already rendered as apimachinery does (`"x"`, `5`).
    pub value: Option<String>,
    pub detail: String,
    /// Set for the playground's own Scenario rules: the reason and its
    /// numbers, so the UI can word it in the reader's language.
    pub rule: Option<ScenarioRule>,
}

/// The playground's own Scenario rules (not Kubernetes'), as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioRule {
    /// An action's `at` lies past the run's end (`until`, else 24 h).
    ActionPastEnd {
        at: crate::clock::Duration,
        end: crate::clock::Duration,
    },
    /// An action names an object the run does not have.
    TargetNotFound,
    /// `startTime` is not an RFC 3339 time.
    BadStartTime,
    /// `until` is longer than a year.
    UntilTooLong,
    /// A behaviour's `failureRate` is outside 0..1.
    FailureRateRange,
    /// A behaviour matches attempt 0 (attempts count from 1).
    AttemptFromOne,
    /// `createJobFrom` is not `cronjob/NAME`.
    CreateJobFromForm,
    /// A node name appears twice.
    DuplicateNode,
    /// An exercise goal, a prediction or a compare change is not of a form
    /// the playground can check (the detail says why, in English).
    LessonForm,
}

/// A validation error of one object, located: what kubectl's summary line
/// is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub kind: String,
    pub name: String,
    pub error: FieldError,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ty = match self.kind {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooMany => "Too many",
            ErrorType::NotFound => "Not found",
        };
        write!(f, "{}: {ty}", self.path)?;
        if let Some(v) = &self.value {
            write!(f, ": {v}")?;
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// kubectl's summary line: `The Job "x" is invalid: <err>` or `[e1, e2]`.
pub fn summary(kind: &str, name: &str, errs: &[FieldError]) -> String {
    let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    if list.len() == 1 {
        format!("The {kind} \"{name}\" is invalid: {}", list[0])
    } else {
        format!("The {kind} \"{name}\" is invalid: [{}]", list.join(", "))
    }
}
