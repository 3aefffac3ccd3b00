#!/bin/sh
# Written by jobsim export kwok. Run it against the cluster that
# `kwokctl create cluster --config kwok.yaml` made (kubectl's current context).
set -eu
cd "$(dirname "$0")"
kubectl apply -f nodes.yaml
kubectl wait --for=condition=Ready node --all --timeout=120s
kubectl apply -f manifests.yaml
start=$(date +%s)
# at SECONDS: sleep until that many seconds after the manifests were applied.
at() {
  now=$(( $(date +%s) - start ))
  if [ "$1" -gt "$now" ]; then sleep $(( $1 - now )); fi
}
at 717  # the simulation's last event, plus 30 s
kubectl get jobs,cronjobs,pods,events -o json > recording.json
echo "recorded: recording.json (compare: jobsim compare FILE recording.json)"
