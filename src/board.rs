//! The pods board: one column per state, pods moving as time passes.
//! Every card shows an icon and the exact kubectl STATUS text.

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
        <div class="panel">
            <div class="panel-head"><h2>"Pods"</h2>
                <span class="muted" data-testid="pod-total">{move || format!("{} pods", total())}</span>
            </div>
            <div class="board" data-testid="board">
                {Column::ALL.into_iter().enumerate().map(|(i, col)| {
                    let items = move || board.with(|b| b.cards.as_ref().map(|c| c[i].clone()).unwrap_or_default());
                    let count = move || board.with(|b| b.counts[i]);
                    view! {
                        <section class=format!("col col-{}", col.title().to_lowercase()) aria-label=col.title()>
                            <h3>{icon(col)} " " {col.title()} " " <span class="count" data-testid="column-count" data-column=col.title()>{count}</span></h3>
                            <ul>
                                <For each=items key=|p: &PodView| (p.id, p.status.clone(), p.node.clone(), p.restarts) let:p>
                                    <PodCard pod=p/>
                                </For>
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
            <Show when=at_scale>
                <p class="muted">{move || format!("{} pods are too many for cards: the counts above, the charts below and the search show them.", total())}</p>
                <PodSearch/>
            </Show>
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
    };
    view! {
        <div class="pod-search">
            <label>"Find a pod " <input type="search" data-testid="pod-search" placeholder="name or prefix, e.g. bench-42-"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/></label>
            <ul class="found">
                <For each=found key=|p: &PodView| (p.id, p.status.clone(), p.node.clone(), p.restarts) let:p>
                    <PodCard pod=p/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn PodCard(pod: PodView) -> impl IntoView {
    let sim = use_sim();
    let name = pod.name.clone();
    let label = format!(
        "{} {} on {}{}",
        pod.name,
        pod.status,
        pod.node.as_deref().unwrap_or("no node"),
        if pod.restarts > 0 {
            format!(", {} restarts", pod.restarts)
        } else {
            String::new()
        }
    );
    view! {
        <li data-testid="pod" data-name=pod.name.clone() data-status=pod.status.clone()
            data-node=pod.node.clone().unwrap_or_default()>
            <button class=format!("pod pod-{}", pod.column.title().to_lowercase()) aria-label=label
                on:click=move |_| sim.selected_pod.set(Some(name.clone()))>
                <span class="icon" aria-hidden="true">{icon(pod.column)}</span>
                <span class="pname">{pod.name.clone()}</span>
                <span class="pstatus">{pod.status.clone()}</span>
                <span class="pmeta">{format!("{} · {}", pod.ready, pod.node.clone().unwrap_or_else(|| "unscheduled".into()))}
                    {(pod.restarts > 0).then(|| format!(" · ↻{}", pod.restarts))}</span>
            </button>
        </li>
    }
}
