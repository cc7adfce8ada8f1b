// What `show` gathers: roles into spans, relation mentions into ties per
// counterpart, so one office named in a hundred articles is one line.
#include <rabta/query.h>
#include <rabta/text.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace rabta {

namespace {

// dated before undated, then by date
bool earlier(const std::string& a, const std::string& b) {
    if (a.empty() != b.empty()) return b.empty();
    return a < b;
}

}  // namespace

std::vector<RoleSpan> role_spans(const StoredEntity& e) {
    std::vector<RoleSpan> out;
    std::map<std::tuple<std::string, std::string>, std::size_t> text_span;  // (title, org) → out
    std::map<std::tuple<std::string, std::string>, std::set<std::string>> articles;
    for (const StoredRole& r : e.roles) {
        if (r.source == "lexicon") {
            out.push_back({r.title, r.org, r.org_label, r.from, r.to, 0, "lexicon"});
            continue;
        }
        const auto key = std::make_tuple(fold_key(r.title), r.org);
        auto [it, fresh] = text_span.emplace(key, out.size());
        if (fresh) out.push_back({r.title, r.org, r.org_label, r.from, r.to, 0, "articles"});
        RoleSpan& s = out[it->second];
        // an article's role holds on its date: from and to are that date, or empty
        for (const std::string* d : {&r.from, &r.to}) {
            if (d->empty()) continue;
            if (s.first.empty() || *d < s.first) s.first = *d;
            if (s.last.empty() || *d > s.last) s.last = *d;
        }
        articles[key].insert(r.source);
        s.articles = static_cast<std::int64_t>(articles[key].size());
    }
    std::stable_sort(out.begin(), out.end(), [](const RoleSpan& a, const RoleSpan& b) {
        if (a.first != b.first) return earlier(a.first, b.first);
        return std::tie(a.title, a.org, a.source) < std::tie(b.title, b.org, b.source);
    });
    return out;
}

std::vector<TieGroup> tie_groups(const std::string& id, const std::vector<StoredRelation>& rels) {
    std::map<std::tuple<std::string, std::string, bool>, TieGroup> by_key;
    std::map<std::tuple<std::string, std::string, bool>, std::set<std::string>> articles;
    for (const StoredRelation& r : rels) {
        const bool outgoing = !r.directed || r.source == id;
        const std::string& other = r.source == id ? r.target : r.source;
        const auto key = std::make_tuple(r.relation, other, outgoing);
        TieGroup& g = by_key[key];
        if (g.mentions++ == 0) {
            g.relation = r.relation;
            g.counterpart = other;
            g.directed = r.directed;
            g.outgoing = outgoing;
        }
        articles[key].insert(r.article);
        g.articles = static_cast<std::int64_t>(articles[key].size());
        if (!r.date.empty() && (g.first.empty() || r.date < g.first)) g.first = r.date;
        // the newest mention speaks for the group (ties_of gives them oldest first)
        if (g.sentence.empty() || (!r.date.empty() && r.date >= g.last)) {
            g.sentence = r.sentence;
            g.article = r.article;
        }
        if (!r.date.empty() && r.date > g.last) g.last = r.date;
    }
    std::vector<TieGroup> out;
    for (auto& [k, g] : by_key)
        out.push_back(std::move(g));
    std::stable_sort(out.begin(), out.end(), [](const TieGroup& a, const TieGroup& b) {
        if (a.last.empty() != b.last.empty()) return b.last.empty();  // undated last
        if (a.last != b.last) return a.last > b.last;
        if (a.mentions != b.mentions) return a.mentions > b.mentions;
        return false;  // by_key's order: relation, counterpart
    });
    return out;
}

}  // namespace rabta
