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

/// Cards shown per column; beyond this the column says how many more.
const PER_COLUMN: usize = 1000;

#[component]
pub fn Board() -> impl IntoView {
    let sim = use_sim();
    let board = Memo::new(move |_| {
        sim.view_slow(|w| jobsim::snapshot::board(w, PER_COLUMN))
            .unwrap_or_default()
    });
    let total = move || board.with(|b| b.iter().map(|c| c.1).sum::<usize>());
    view! {
        <div class="panel">
            <div class="panel-head"><h2>"Pods"</h2>
                <span class="muted">{move || format!("{} pods", total())}</span>
            </div>
            <div class="board">
                {Column::ALL.into_iter().enumerate().map(|(i, col)| {
                    let items = move || board.with(|b| b.get(i).map(|c| c.2.clone()).unwrap_or_default());
                    let count = move || board.with(|b| b.get(i).map_or(0, |c| c.1));
                    view! {
                        <section class=format!("col col-{}", col.title().to_lowercase()) aria-label=col.title()>
                            <h3>{icon(col)} " " {col.title()} " " <span class="count">{count}</span></h3>
                            <ul>
                                <For each=items key=|p: &PodView| (p.id, p.status.clone(), p.node.clone(), p.restarts) let:p>
                                    <PodCard pod=p/>
                                </For>
                            </ul>
                            <Show when=move || { count() > PER_COLUMN }>
                                <p class="muted">{move || format!("… and {} more (see kubectl get pods)", count() - PER_COLUMN)}</p>
                            </Show>
                        </section>
                    }
                }).collect_view()}
            </div>
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
