#!/usr/bin/env bash
# The GPU check, in one call on a machine with an NVIDIA GPU and its OpenCL driver: runs the OpenCL
# tests (kernels against the scalar code) and the kernel benchmark on the GPU, and writes
# gpu-check.md with the device's name, the test summary and the timing table for docs/benchmarks.md.
#
# The GPU machine may have neither Maven nor a network, so the check has two halves:
#   benchmarks/gpu-check.sh prepare   # on a build machine: build, gather jars and test classes
#                                     # in target/gpu-check (about 20 MB; carry it to the GPU machine)
#   benchmarks/gpu-check.sh run       # on the GPU machine: needs only java 17+ on the PATH
# Without an argument it does both. The results go to $OUT/gpu-check.md when OUT is set, else to
# target/gpu-check/gpu-check.md. Set JGRAD_ALLOW_CPU_OPENCL=1 to rehearse it on PoCL.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/gpu-check
MVN="mvn -B -ntp -q"

prepare() {
  $MVN install -DskipTests
  rm -rf "$DIR"
  mkdir -p "$DIR/lib"
  $MVN -pl processor-tests,sample-app org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=test -DexcludeGroupIds=io.jgrad -DoutputDirectory="$PWD/$DIR/lib"
  $MVN org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 -DoutputDirectory="$PWD/$DIR/lib"
  cp runtime/target/jgrad-runtime-*[0-9T].jar opencl/target/jgrad-opencl-*[0-9T].jar \
    sample-app/target/jgrad-sample-app-*.jar "$DIR/lib/"
  cp -r opencl/target/test-classes "$DIR/opencl-tests"
  cp -r processor-tests/target/test-classes "$DIR/processor-tests"
  du -sh "$DIR"
}

run() {
  local out="${OUT:-$DIR}" cp report status
  cp="$(ls "$DIR"/lib/*.jar | grep -v console-standalone | tr '\n' ':')$DIR/opencl-tests:$DIR/processor-tests"
  report="$out/gpu-check.md"
  mkdir -p "$out"
  status="$(java -cp "$cp" io.jgrad.sample.OpenClStatus)"
  echo "OpenCL device: $status"
  if [[ "$status" != *"(GPU,"* && "${JGRAD_ALLOW_CPU_OPENCL:-0}" != 1 ]]; then
    echo "no OpenCL GPU found: $status" >&2
    exit 2
  fi
  {
    echo "## GPU check: $status"
    echo
    echo "Run on $(date -u +%Y-%m-%d) with java $(java -version 2>&1 | head -1 | cut -d'"' -f2)."
    echo
    echo '```'
  } > "$report"
  # CI=true: an OpenCL test without a device fails instead of skipping.
  CI=true java -jar "$DIR"/lib/junit-platform-console-standalone-*.jar execute --class-path "$cp" \
    --select-class io.jgrad.opencl.BatchTest --select-class io.jgrad.examples.batch.BatchedKernelsTest \
    --details=summary --disable-banner 2>&1 | grep -E "tests (successful|failed|skipped|found)|MethodSource|=>" \
    | tee -a "$report"
  echo '```' >> "$report"
  echo >> "$report"
  java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp "$cp" io.jgrad.sample.KernelBenchmark 1000000,10000000 9 \
    2>/dev/null | tee -a "$report"
  echo "wrote $report"
}

case "${1:-all}" in
  prepare) prepare ;;
  run) run ;;
  all) prepare && run ;;
  *) echo "usage: $0 [prepare|run|all]" >&2; exit 64 ;;
esac
