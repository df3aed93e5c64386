#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one line "N passed, N failed"
# counted from the TRX result files. Exit status is the test run's. Extra arguments go to dotnet test.
set -uo pipefail
cd "$(dirname "$0")"

# The call-history store tests run against PostgreSQL as well as SQLite. Unless a connection string
# is given, start a loopback PostgreSQL from Debian's packages (installed on first use; needs root).
if [ -z "${PBXLAB_POSTGRES_CONNECTION:-}" ]; then
    if ! connection=$(scripts/start-postgres.sh); then
        echo "test.sh: could not start PostgreSQL for the store tests; see the messages above, or set PBXLAB_POSTGRES_CONNECTION." >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
    # The value contains semicolons, so it is exported as one word.
    export "$connection"
fi

results_dir="TestResults"
rm -rf "$results_dir"

dotnet test PbxLab.sln --configuration Release --logger "trx" --results-directory "$results_dir" "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results_dir"/*.trx; do
    # One <Counters .../> element per TRX file contains that project's totals.
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    file_passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    file_failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${file_passed:-0}))
    failed=$((failed + ${file_failed:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed before any result was written: count that as a failure.
    failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
