//! The node pool: capacity bars and placed pods per node, and node
//! interventions that are recorded into the Scenario's actions.

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::scenario::{Action, Dur, NodeShorthand, Verb};
use jobsim::snapshot::NodeView;
use leptos::prelude::*;

/// A capacity bar as markup (numbers and fixed labels only).
fn bar(label: &'static str, (used, cap): (i64, i64), unit: f64, suffix: &'static str) -> String {
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
    format!(
        "<div class=\"bar small\" role=\"meter\" aria-label=\"{text}\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"{pct:.0}\"><span class=\"fill cap\" style=\"width:{pct:.1}%\"></span><span class=\"bar-text\">{text}</span></div>"
    )
}

#[component]
pub fn Nodes() -> impl IntoView {
    let sim = use_sim();
    let nodes = Memo::new(move |_| sim.view_slow(jobsim::snapshot::nodes).unwrap_or_default());
    // Cards are keyed by name and update only what changed: a pool of a
    // hundred nodes re-created twice a second would cost more than the run.
    let names = move || nodes.with(|ns| ns.iter().map(|n| n.name.clone()).collect::<Vec<_>>());
    let act = move |verb: Verb| record(sim, verb);
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
                <For each=names key=|n: &String| n.clone() let:name>
                    <NodeCard name=name nodes=nodes/>
                </For>
            </div>
        </div>
    }
}

fn record(sim: crate::sim::Sim, verb: Verb) {
    sim.record(move |spec, at| {
        spec.actions.push(Action { at: Dur(at), verb });
    });
}

#[component]
fn NodeCard(name: String, nodes: Memo<Vec<NodeView>>) -> impl IntoView {
    let sim = use_sim();
    let key = name.clone();
    let node = Memo::new(move |_| nodes.with(|ns| ns.iter().find(|n| n.name == key).cloned()));
    let ready = Memo::new(move |_| node.with(|n| n.as_ref().is_some_and(|n| n.ready)));
    let cordoned = Memo::new(move |_| node.with(|n| n.as_ref().is_some_and(|n| n.unschedulable)));
    let status = move || node.with(|n| n.as_ref().map(|n| n.status.clone()).unwrap_or_default());
    let body = move || {
        node.with(|n| {
            let Some(n) = n else { return String::new() };
            let mut html = bar("cpu", n.cpu, 1000.0, "");
            html.push_str(&bar(
                "memory",
                n.memory,
                1000.0 * 1024.0 * 1024.0 * 1024.0,
                "Gi",
            ));
            if n.gpu.1 > 0 {
                html.push_str(&bar("gpu", n.gpu, 1000.0, ""));
            }
            html.push_str(&format!(
                "<p class=\"muted\">{} / {} pods</p><ul class=\"node-pods\">",
                n.pod_count, n.max_pods
            ));
            for p in &n.pods {
                html.push_str(&format!("<li>{}</li>", esc(p)));
            }
            if n.pod_count > n.pods.len() {
                html.push_str(&format!("<li>… {} more</li>", n.pod_count - n.pods.len()));
            }
            html.push_str("</ul>");
            html
        })
    };
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
    view! {
        <article data-testid="node" data-name=name.clone() class:notready=move || !ready.get() class:cordoned=move || cordoned.get() class="node">
            <h3><span class=move || if ready.get() { "dot up" } else { "dot down" } aria-hidden="true">{move || if ready.get() { "● " } else { "✖ " }}</span>{name.clone()}
                <span class="muted" data-testid="node-status">" " {status}</span>
            </h3>
            <div inner_html=body></div>
            <div class="node-actions">
                {move || if ready.get() {
                    let n = n1.clone();
                    view! { <button data-testid="crash-node" on:click=move |_| record(sim, Verb::CrashNode(n.clone()))>"Crash"</button> }.into_any()
                } else {
                    let n = n1.clone();
                    view! { <button data-testid="recover-node" on:click=move |_| record(sim, Verb::RecoverNode(n.clone()))>"Recover"</button> }.into_any()
                }}
                {move || if cordoned.get() {
                    let n = n2.clone();
                    view! { <button on:click=move |_| record(sim, Verb::UncordonNode(n.clone()))>"Uncordon"</button> }.into_any()
                } else {
                    let n = n2.clone();
                    view! { <button on:click=move |_| record(sim, Verb::CordonNode(n.clone()))>"Cordon"</button> }.into_any()
                }}
                <button title="Cordon and evict its pods" on:click=move |_| record(sim, Verb::DrainNode(n3.clone()))>"Drain"</button>
                <button title="Delete the Node object" on:click=move |_| record(sim, Verb::RemoveNode(n4.clone()))>"Remove"</button>
            </div>
        </article>
    }
}
