//! The pods board: one column per state, pods moving as time passes.
//! Every card shows an icon and the exact kubectl STATUS text.

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::snapshot::{Column, PodView};
use leptos::prelude::*;

fn icon(c: Column) -> &'static str {
    match c {
        Column::Pending => "○",
        Column::Running => "▶",
        Column::Error => "✖",
        Column::Completed => "✔",
    }
}

/// Most pods shown as cards; above it the board shows counts, a search and
/// pictures (`scale`), since thousands of cards say nothing.
pub const MAX_CARDS: usize = 400;

/// A pod card as escaped markup; clicks are handled by the board's one
/// listener (`data-pod`), so a board of 400 cards is one string, not 400
/// component instances.
fn card(p: &PodView) -> String {
    let name = esc(&p.name);
    let node = esc(p.node.as_deref().unwrap_or(""));
    let restarts = if p.restarts > 0 {
        format!(" · ↻{}", p.restarts)
    } else {
        String::new()
    };
    let label = format!(
        "{} {} on {}{}",
        name,
        esc(&p.status),
        if node.is_empty() { "no node" } else { &node },
        if p.restarts > 0 {
            format!(", {} restarts", p.restarts)
        } else {
            String::new()
        }
    );
    format!(
        "<li data-testid=\"pod\" data-name=\"{name}\" data-status=\"{status}\" data-node=\"{node}\"><button class=\"pod pod-{col}\" aria-label=\"{label}\" data-pod=\"{name}\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span><span class=\"pname\">{name}</span><span class=\"pstatus\">{status}</span><span class=\"pmeta\">{ready} · {shown}{restarts}</span></button></li>",
        status = esc(&p.status),
        col = p.column.title().to_ascii_lowercase(),
        icon = icon(p.column),
        ready = esc(&p.ready),
        shown = if node.is_empty() { "unscheduled" } else { &node },
    )
}

/// Selects the pod whose card (a `data-pod` button) was clicked.
fn select_clicked(sim: crate::sim::Sim, ev: leptos::ev::MouseEvent) {
    let pod = crate::html::clicked_attr(&ev, "data-pod");
    if pod.is_some() {
        sim.selected_pod.set(pod);
    }
}

#[component]
pub fn Board() -> impl IntoView {
    let sim = use_sim();
    let board = Memo::new(move |_| {
        sim.view_slow(|w| jobsim::snapshot::board(w, MAX_CARDS))
            .unwrap_or_default()
    });
    let total = move || board.with(|b| b.total());
    let at_scale = move || board.with(|b| b.cards.is_none());
    view! {
        <div class="panel" id="pods">
            <div class="panel-head"><h2 data-i18n="Pods">"Pods"</h2>
                <span class="muted" data-testid="pod-total">{move || crate::i18n::pods(sim.lang.get(), total())}</span>
            </div>
            <div class="board" data-testid="board" on:click=move |ev| select_clicked(sim, ev)>
                {Column::ALL.into_iter().enumerate().map(|(i, col)| {
                    let cards = move || board.with(|b| b.cards.as_ref().map(|c| c[i].iter().map(card).collect::<String>()).unwrap_or_default());
                    let count = move || board.with(|b| b.counts[i]);
                    view! {
                        <section class=format!("col col-{}", col.title().to_ascii_lowercase()) aria-label=col.title()>
                            <h3>{icon(col)} " " {col.title()} " " <span class="count" data-testid="column-count" data-column=col.title()>{count}</span></h3>
                            <ul inner_html=cards></ul>
                        </section>
                    }
                }).collect_view()}
            </div>
            <div class:hidden=move || !at_scale()>
                <p class="muted">{move || crate::i18n::too_many(sim.lang.get(), total())}</p>
                <PodSearch/>
            </div>
        </div>
    }
}

/// Finds pods by name (exact, or a prefix such as `bench-42-`).
#[component]
fn PodSearch() -> impl IntoView {
    let sim = use_sim();
    let query = RwSignal::new(String::new());
    let found = move || {
        let q = query.get();
        sim.view_slow(|w| jobsim::snapshot::find_pods(w, &q, 20))
            .unwrap_or_default()
            .iter()
            .map(card)
            .collect::<String>()
    };
    view! {
        <div class="pod-search">
            <label><span data-i18n="Find a pod">"Find a pod"</span>" " <input type="search" data-testid="pod-search" placeholder="name or prefix, e.g. bench-42-"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/></label>
            <ul class="found" on:click=move |ev| select_clicked(sim, ev) inner_html=found></ul>
        </div>
    }
}
