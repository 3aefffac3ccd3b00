//! The node pool: capacity bars and placed pods per node, and node
//! interventions that are recorded into the Scenario's actions.

use crate::sim::use_sim;
use jobsim::scenario::{Action, Dur, NodeShorthand, Verb};
use jobsim::snapshot::NodeView;
use leptos::prelude::*;

fn bar(
    label: &'static str,
    (used, cap): (i64, i64),
    unit: f64,
    suffix: &'static str,
) -> impl IntoView {
    let pct = if cap > 0 {
        (used as f64 / cap as f64 * 100.0).min(100.0)
    } else {
        0.0
    };
    let text = format!(
        "{label} {:.1}/{:.1}{suffix}",
        used as f64 / unit,
        cap as f64 / unit
    );
    let label_text = text.clone();
    view! {
        <div class="bar small" role="meter" aria-label=label_text aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{pct:.0}")>
            <span class="fill cap" style=format!("width:{pct:.1}%")></span>
            <span class="bar-text">{text}</span>
        </div>
    }
}

#[component]
pub fn Nodes() -> impl IntoView {
    let sim = use_sim();
    let nodes = move || sim.view_slow(jobsim::snapshot::nodes).unwrap_or_default();
    let act = move |verb: Verb| {
        sim.record(move |spec, at| {
            spec.actions.push(Action { at: Dur(at), verb });
        });
    };
    let new_node_name = move || {
        let n = sim.view(|w| w.nodes().len()).unwrap_or(0);
        format!("node-{}", n + 1)
    };
    view! {
        <div class="panel">
            <div class="panel-head">
                <h2>"Nodes"</h2>
                <button prop:disabled=move || !sim.has_world() title="Add a worker node (4 cpu, 16Gi) now; recorded as an addNode action"
                    on:click=move |_| {
                        let name = new_node_name();
                        act(Verb::AddNode(Box::new(NodeShorthand { name, ..Default::default() })));
                    }>"+ Add node"</button>
                <span class="muted">"Actions happen at the current virtual time and are recorded into the Scenario, so a replay does the same."</span>
            </div>
            <div class="nodes">
                <For each=nodes key=|n: &NodeView| format!("{n:?}") let:node>
                    {
                        let name = node.name.clone();
                        let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
                        let ready = node.ready;
                        let cordoned = node.unschedulable;
                        view! {
                            <article data-testid="node" data-name=name.clone() class:notready=!ready class:cordoned=cordoned class="node">
                                <h3><span class=if ready { "dot up" } else { "dot down" } aria-hidden="true">{if ready { "● " } else { "✖ " }}</span>{name.clone()}
                                    <span class="muted" data-testid="node-status">" " {node.status.clone()}</span>
                                </h3>
                                {bar("cpu", node.cpu, 1000.0, "")}
                                {bar("memory", node.memory, 1000.0 * 1024.0 * 1024.0 * 1024.0, "Gi")}
                                {(node.gpu.1 > 0).then(|| bar("gpu", node.gpu, 1000.0, ""))}
                                <p class="muted">{format!("{} / {} pods", node.pod_count, node.max_pods)}</p>
                                <ul class="node-pods">
                                    {node.pods.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                                    {(node.pod_count > node.pods.len()).then(|| view! { <li>{format!("… {} more", node.pod_count - node.pods.len())}</li> })}
                                </ul>
                                <div class="node-actions">
                                    {if ready {
                                        view! { <button data-testid="crash-node" on:click=move |_| { let n = n1.clone(); act(Verb::CrashNode(n)) }>"Crash"</button> }.into_any()
                                    } else {
                                        view! { <button data-testid="recover-node" on:click=move |_| { let n = n1.clone(); act(Verb::RecoverNode(n)) }>"Recover"</button> }.into_any()
                                    }}
                                    {if cordoned {
                                        view! { <button on:click=move |_| { let n = n2.clone(); act(Verb::UncordonNode(n)) }>"Uncordon"</button> }.into_any()
                                    } else {
                                        view! { <button on:click=move |_| { let n = n2.clone(); act(Verb::CordonNode(n)) }>"Cordon"</button> }.into_any()
                                    }}
                                    <button title="Cordon and evict its pods" on:click=move |_| { let n = n3.clone(); act(Verb::DrainNode(n)) }>"Drain"</button>
                                    <button title="Delete the Node object" on:click=move |_| { let n = n4.clone(); act(Verb::RemoveNode(n)) }>"Remove"</button>
                                </div>
                            </article>
                        }
                    }
                </For>
            </div>
        </div>
    }
}
