//! Owner references between API objects (a leaf: the Job and CronJob
//! controllers both name it, neither owns it).

/// A Job's owner reference to a CronJob. The controller's own Jobs carry
/// `controller` and `blockOwnerDeletion` (`metav1.NewControllerRef`);
/// `kubectl create job --from` sets `controller` only (no
/// `blockOwnerDeletion`, which would need the cronjobs/finalizers role).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobOwner {
    pub cronjob: u32,
    pub controller: bool,
    pub block_owner_deletion: bool,
}
