# Sourced by .ci/run: the command-line tools some tests read the program's output with,
# as a Linux desktop has them: poppler-utils (pdftotext, pdftoppm: the PDF report and
# statement tests) and desktop-file-utils (desktop-file-validate: the packaged launcher).
# Installed from Debian's packages when missing; without them those tests are skipped,
# so CI says so rather than fail.
ci_missing=()
command -v pdftotext >/dev/null 2>&1 || ci_missing+=(poppler-utils)
command -v desktop-file-validate >/dev/null 2>&1 || ci_missing+=(desktop-file-utils)
if [ "${#ci_missing[@]}" -gt 0 ]; then
    echo "ci: installing ${ci_missing[*]} (Debian's packages) for the tests that read PDFs and launchers"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${ci_missing[@]}"; } >/dev/null 2>&1; then
        echo "ci: ${ci_missing[*]} could not be installed; the tests that need them are skipped" >&2
    fi
fi
unset ci_missing
