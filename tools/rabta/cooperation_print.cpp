#include "cooperation_print.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

#include "table.h"

namespace rabta::cli {

namespace {

// "met 2, signed 1": the counts of a map, in key order; "" counts as "none".
std::string counts(const std::map<std::string, std::int64_t>& m) {
    std::string s;
    for (const auto& [k, n] : m)
        s += fmt::format("{}{} {}", s.empty() ? "" : ", ", k.empty() ? "none" : k, n);
    return s;
}

// Tags and relation codes hold no quote: quoting the list is enough.
std::string csv_cell(const std::string& s) {
    return "\"" + s + "\"";
}

}  // namespace

void print_cooperation(const CooperationSeries& s, const CooperationWeights& w, std::ostream& out) {
    fmt::print(out,
               "\ncooperation index by month (independent evidences weighted by the Goldstein "
               "score of their CAMEO code; intent × {:.2f}):\n",
               w.intent_discount);
    Table t({"month", "evidences", "index", "by relation", "by context"});
    for (const CooperationMonth& m : s.months) {
        t.add({m.month, std::to_string(m.evidences), fmt::format("{:.1f}", m.index),
               counts(m.by_relation), counts(m.by_context)});
    }
    t.print(out);
    fmt::print(out, "total index {:.1f}\n\nthe heaviest evidences:\n", s.index);
    Table top({"weight", "date", "relation", "mode", "context", "copies", "article", "sentence"});
    for (std::size_t i = 0; i < s.evidences.size() && i < 5; ++i) {
        const WeightedEvidence& e = s.evidences[i];
        top.add({fmt::format("{:.1f}", e.weight), e.evidence.date.empty() ? "-" : e.evidence.date,
                 e.evidence.relation, e.intent ? "intent" : "done",
                 e.evidence.context.empty() ? "-" : e.evidence.context, std::to_string(e.copies),
                 e.evidence.article, e.evidence.sentence});
    }
    top.print(out);
}

void print_cooperation_csv(const CooperationSeries& s, std::ostream& out) {
    fmt::print(out, "month,evidences,index,by_relation,by_context\n");
    for (const CooperationMonth& m : s.months) {
        fmt::print(out, "{},{},{:.2f},{},{}\n", m.month, m.evidences, m.index,
                   csv_cell(counts(m.by_relation)), csv_cell(counts(m.by_context)));
    }
}

}  // namespace rabta::cli
