//! Job Playground web app: Leptos components over the `jobsim` core. No
//! simulation logic lives here; the core computes every status, message
//! and explanation, and this crate only drives its clock and renders.

mod app;
mod board;
mod console;
mod cronjobs;
mod editor;
mod html;
mod inject;
mod jobs;
mod nodes;
mod scale;
mod share;
mod sim;
mod timeline;
mod toolbar;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
