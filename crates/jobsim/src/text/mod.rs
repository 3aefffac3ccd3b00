//! Text writers shared by every view: kubectl's YAML (go-yaml's layout),
//! JSON (serde_json's pretty and compact forms, written over the value)
//! and Go's tabwriter. A leaf: it knows no Kubernetes object.

pub mod json;
pub mod tabwriter;
pub mod tar;
pub mod yaml;
