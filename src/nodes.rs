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
    // One string for the whole pool (a hundred node cards as Leptos views
    // would cost bundle size and frames); buttons are handled by one
    // listener reading `data-action` and `data-node`.
    let cards = move || {
        let lang = sim.lang.get();
        sim.view_slow(jobsim::snapshot::nodes)
            .unwrap_or_default()
            .iter()
            .map(|n| card(n, lang))
            .collect::<String>()
    };
    let new_node_name = move || {
        let n = sim.view(|w| w.nodes().len()).unwrap_or(0);
        format!("node-{}", n + 1)
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::html::clicked(&ev, "data-action") else {
            return;
        };
        let node = button.get_attribute("data-node").unwrap_or_default();
        let verb = match button.get_attribute("data-action").as_deref() {
            Some("crash") => Verb::CrashNode(node),
            Some("recover") => Verb::RecoverNode(node),
            Some("cordon") => Verb::CordonNode(node),
            Some("uncordon") => Verb::UncordonNode(node),
            Some("drain") => Verb::DrainNode(node),
            Some("remove") => Verb::RemoveNode(node),
            _ => return,
        };
        record(sim, verb);
    };
    view! {
        <div class="panel" id="nodes">
            <div class="panel-head">
                <h2 data-i18n="Nodes">"Nodes"</h2>
                <button prop:disabled=move || !sim.has_world() title="Add a worker node (4 cpu, 16Gi) now; recorded as an addNode action"
                    on:click=move |_| {
                        let name = new_node_name();
                        record(sim, Verb::AddNode(Box::new(NodeShorthand { name, ..Default::default() })));
                    } data-i18n="+ Add node">"+ Add node"</button>
                <span class="muted" data-i18n="Actions happen at the current virtual time and are recorded into the Scenario, so a replay does the same.">"Actions happen at the current virtual time and are recorded into the Scenario, so a replay does the same."</span>
            </div>
            <div class="nodes" on:click=on_click inner_html=cards></div>
        </div>
    }
}

fn record(sim: crate::sim::Sim, verb: Verb) {
    sim.record(move |spec, at| {
        spec.actions.push(Action { at: Dur(at), verb });
    });
}

/// One node card (every name escaped).
fn card(n: &NodeView, lang: crate::i18n::Lang) -> String {
    let tr = |s| crate::i18n::tr(lang, s);
    let name = esc(&n.name);
    let mut classes = String::from("node");
    if !n.ready || n.silent {
        classes.push_str(" notready");
    }
    if n.unschedulable {
        classes.push_str(" cordoned");
    }
    let (dot, mark) = if n.ready && !n.silent {
        ("dot up", "● ")
    } else {
        ("dot down", "✖ ")
    };
    let mut html = format!(
        "<article data-testid=\"node\" data-name=\"{name}\" class=\"{classes}\"><h3><span class=\"{dot}\" aria-hidden=\"true\">{mark}</span>{name}<span class=\"muted\" data-testid=\"node-status\"> {}</span></h3>",
        esc(&n.status)
    );
    html.push_str(&bar("cpu", n.cpu, 1000.0, ""));
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
    if let Some(note) = &n.note {
        html.insert_str(
            html.rfind("<ul").unwrap_or(html.len()),
            &format!(
                "<p class=\"node-note\" data-testid=\"node-note\">{}</p>",
                esc(&jobsim::words::node_note(lang, note))
            ),
        );
    }
    if n.pod_count > n.pods.len() {
        html.push_str(&format!("<li>… {} more</li>", n.pod_count - n.pods.len()));
    }
    html.push_str("</ul><div class=\"node-actions\">");
    let button = |action: &str, label: &str, title: &str, testid: &str| {
        format!(
            "<button data-action=\"{action}\" data-node=\"{name}\" title=\"{title}\"{testid}>{label}</button>"
        )
    };
    html.push_str(&if !n.silent {
        button(
            "crash",
            tr("Crash"),
            tr("The machine stops: no more heartbeats; the control plane notices after the grace period"),
            " data-testid=\"crash-node\"",
        )
    } else {
        button(
            "recover",
            tr("Recover"),
            tr("The machine restarts and its kubelet reports again"),
            " data-testid=\"recover-node\"",
        )
    });
    html.push_str(&if n.unschedulable {
        button("uncordon", "Uncordon", "Allow new pods again", "")
    } else {
        button("cordon", "Cordon", "No new pods on this node", "")
    });
    html.push_str(&button("drain", "Drain", "Cordon and evict its pods", ""));
    html.push_str(&button(
        "remove",
        tr("Remove"),
        tr("Delete the Node object"),
        "",
    ));
    html.push_str("</div></article>");
    html
}
