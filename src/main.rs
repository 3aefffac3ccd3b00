//! Job Playground web app: Leptos components over the `jobsim` core. No
//! simulation logic lives here; the core computes every status, message
//! and explanation, and this crate only drives its clock and renders.

mod app;
mod board;
mod compare;
mod console;
mod cronjobs;
mod editor;
mod examples;
mod exercise;
mod explain;
mod html;
mod i18n;
mod inject;
mod jobs;
mod lessons;
mod nodes;
mod scale;
mod share;
mod sim;
mod timeline;
mod toolbar;

fn main() {
    // A panic (a bug) is reported on the console with its message.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    leptos::mount::mount_to_body(app::App);
}
