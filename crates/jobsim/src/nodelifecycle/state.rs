//! The node lifecycle controller's own state.

/// The node lifecycle controller's own state. Only it writes this.
#[derive(Clone, Default)]
pub(crate) struct NodeLifecycleState {
    /// Master disruption mode (every zone fully disrupted): no NoExecute
    /// taints, no evictions.
    pub(crate) full_disruption: bool,
    /// A `HandleDisruption` pass is queued for now.
    pub(crate) disruption_queued: bool,
}
