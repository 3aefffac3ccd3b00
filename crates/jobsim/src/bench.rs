//! The benchmark scenario: an Indexed Job with many completions on a large
//! pool, a share of attempts failing. Shared by `jobsim bench` and tests.

use crate::scenario::{Behavior, BehaviorMatch, NodeShorthand, Scenario, ScenarioSpec};
use crate::world::World;

pub fn scenario_text(completions: u32, parallelism: u32, nodes: u32, failure_rate: f64) -> String {
    let mut spec = ScenarioSpec {
        seed: Some(7),
        ..Default::default()
    };
    for i in 1..=nodes {
        spec.nodes.push(NodeShorthand {
            name: format!("node-{i}"),
            cpu: Some(crate::quantity::Quantity::parse("64").expect("valid")),
            memory: Some(crate::quantity::Quantity::parse("256Gi").expect("valid")),
            pods: Some(crate::quantity::Quantity::parse("250").expect("valid")),
            ..Default::default()
        });
    }
    spec.behaviors.push(Behavior {
        matcher: BehaviorMatch {
            job: Some("bench".into()),
            ..Default::default()
        },
        failure_rate: Some(failure_rate),
        ..Default::default()
    });
    let scenario = Scenario {
        api_version: crate::scenario::API_VERSION.into(),
        kind: "Scenario".into(),
        metadata: crate::api::ObjectMeta {
            name: Some("bench".into()),
            ..Default::default()
        },
        spec,
    };
    let scenario_yaml = serde_norway::to_string(&scenario).expect("serializable");
    format!(
        "{scenario_yaml}---
apiVersion: batch/v1
kind: Job
metadata:
  name: bench
spec:
  completionMode: Indexed
  completions: {completions}
  parallelism: {parallelism}
  backoffLimit: 2147483647
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
        command: [sh, -c, 'sleep 20']
        resources:
          requests: {{cpu: 100m, memory: 64Mi}}
"
    )
}

pub fn world(completions: u32, parallelism: u32, nodes: u32, failure_rate: f64) -> World {
    World::from_text(
        &scenario_text(completions, parallelism, nodes, failure_rate),
        None,
    )
    .expect("the bench scenario is valid")
}
