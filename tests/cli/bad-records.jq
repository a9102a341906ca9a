# bad-records.jq - the error records that mean a run went wrong rather than an input being bad:
# a worker that crashed, hung or ran out of memory, or an internal error.  `limit-memory` from
# an extractor (stage "extract") is a refusal decided from the input, such as an LZMA
# dictionary over the limit, and is not one of them.  Used by tests/fuzz-regress.sh and
# scripts/sanitize.sh:  jq -c -f tests/cli/bad-records.jq errors.jsonl
select(.type == "error" and (.code == "crash" or .code == "timeout" or .code == "internal" or
	(.code == "limit-memory" and .stage == "worker")))
