# Reads `perf report --no-children --sort sym --stdio` and prints the share of
# samples by pipeline stage (by the symbol's name: self time, so a stage's
# share is the code it runs itself and the library code named for it), then
# the top symbols. A symbol no pattern names is "other".
function stage(sym) {
    if (sym ~ /sqlite3|SQLite::|rabta::Store/) return "store (SQLite)"
    if (sym ~ /Regex|regex|Boilerplate|classify|dateline|parse_record|read_page|jsonl|parse_date|Json|rapidjson/) return "ingest (pages, JSON, boilerplate regex)"
    if (sym ~ /fold|Normalizer|normaliz|ReorderingBuffer|Edits|u_str|utf8|UTF8|ucase/) return "normalize (fold, NFC)"
    if (sym ~ /split_sentences|tokenize|BreakIterator|segment/) return "segment"
    if (sym ~ /Discover|Lexicon|Matcher|recogni|Mention/) return "recognize"
    if (sym ~ /relate|Relat|Frame|Rule|Clause|clause|parse::|Phrase|phrase/) return "parse + relate"
    if (sym ~ /malloc|free|operator new|operator delete|_int_|memcpy|memmove|memset|memcmp|strlen|basic_string|_Hash|hash/) return "allocation, strings, hashing"
    return "other"
}
/^#/ || NF < 3 { next }
$1 ~ /%$/ {
    pct = $1; sub(/%/, "", pct)
    sym = $0; sub(/^[^\]]*\] /, "", sym)
    share[stage(sym)] += pct
    total += pct
    if (++n <= 15) top[n] = sprintf("  %6.2f%%  %s", pct, substr(sym, 1, 110))
}
END {
    if (total == 0) { print "no samples"; exit }
    for (s in share) printf "%6.1f%%  %s\n", share[s], s | "sort -rn"
    close("sort -rn")
    print "top symbols:"
    for (i = 1; i <= n && i <= 15; i++) print top[i]
}
