// The context taxonomy and the reading of a tie's context (relate/context.h).
#include "relate/context.h"

#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/text.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "util/hash.h"
#include "util/json.h"

namespace rabta {

namespace {

Phrase folded_phrase(const std::string& origin, const std::string& pointer, std::string_view text) {
    const FoldedText ft = fold(text);
    Phrase p;
    for (const Token& t : tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())}))
        p.emplace_back(t.span.of(ft.text));
    if (p.empty()) throw ConfigError(origin, pointer, "phrase is empty after folding");
    return p;
}

std::vector<Phrase> folded_phrases(const std::string& origin,
                                   const std::string& pointer,
                                   const rapidjson::Value& arr) {
    std::vector<Phrase> out;
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i)
        out.push_back(folded_phrase(origin, fmt::format("{}/{}", pointer, i), arr[i].GetString()));
    return out;
}

std::vector<Phrase> optional_folded(const std::string& origin,
                                    const rapidjson::Value& doc,
                                    const char* name) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd()) return {};
    return folded_phrases(origin, std::string("/") + name, it->value);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

}  // namespace

std::string_view to_string(ContextSource s) noexcept {
    switch (s) {
        case ContextSource::none:
            return "";
        case ContextSource::clause:
            return "clause";
        case ContextSource::sentence:
            return "sentence";
        case ContextSource::article:
            return "article";
    }
    return "";
}

ContextTaxonomy ContextTaxonomy::load(const DataFile& f) {
    const rapidjson::Document doc = detail::load_validated(f, "schemas/contexts.schema.json");
    const std::string& o = f.origin;
    ContextTaxonomy t;
    t.version_ = detail::hash64(f.content, detail::hash64("rabta-contexts-1"));
    for (const auto& r : doc["relations"].GetArray())
        t.relations.emplace_back(r.GetString());
    const auto& tags = doc["tags"].GetArray();
    for (rapidjson::SizeType i = 0; i < tags.Size(); ++i) {
        const std::string at = fmt::format("/tags/{}", i);
        ContextTag tag{tags[i]["tag"].GetString(), "",
                       folded_phrases(o, at + "/cues", tags[i]["cues"])};
        if (tags[i].HasMember("parent")) tag.parent = tags[i]["parent"].GetString();
        if (t.find(tag.tag)) throw ConfigError(o, at + "/tag", "duplicate tag '" + tag.tag + "'");
        t.tags.push_back(std::move(tag));
    }
    for (std::size_t i = 0; i < t.tags.size(); ++i) {
        const ContextTag* parent = t.find(t.tags[i].parent);
        if (parent && !parent->parent.empty()) {
            throw ConfigError(o, fmt::format("/tags/{}/parent", i),
                              "parent '" + parent->tag + "' is itself in a family");
        }
    }
    t.excluded = optional_folded(o, doc, "excluded");
    t.frames = folded_phrases(o, "/frames", doc["frames"]);
    const auto& a = doc["article"];
    t.topic = {a["title_weight"].GetDouble(), a["min_score"].GetDouble(),
               a["min_share"].GetDouble()};
    return t;
}

ContextTaxonomy ContextTaxonomy::embedded() {
    return load(embedded_file("seeds/rules/contexts.json"));
}

const ContextTag* ContextTaxonomy::find(std::string_view tag) const {
    for (const ContextTag& t : tags)
        if (t.tag == tag) return &t;
    return nullptr;
}

bool ContextTaxonomy::takes_context(std::string_view relation) const {
    return std::find(relations.begin(), relations.end(), relation) != relations.end();
}

bool ContextTaxonomy::in_family(std::string_view tag, std::string_view family) const {
    if (tag == family) return true;
    const ContextTag* t = find(tag);
    return t && t->parent == family;
}

std::vector<std::string> ContextTaxonomy::names() const {
    std::set<std::string> n;
    for (const ContextTag& t : tags) {
        n.insert(t.tag);
        if (!t.parent.empty()) n.insert(t.parent);
    }
    return {n.begin(), n.end()};
}

std::vector<std::string> ContextTaxonomy::select(std::string_view list) const {
    const std::vector<std::string> known = names();
    std::set<std::string> out;
    while (true) {
        const std::size_t comma = list.find(',');
        const std::string_view item = trim(list.substr(0, comma));
        if (std::find(known.begin(), known.end(), item) == known.end()) {
            throw UsageError(
                fmt::format("unknown context '{}' (known: {})", item, fmt::join(known, ", ")));
        }
        for (const ContextTag& t : tags)
            if (in_family(t.tag, item)) out.insert(t.tag);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return {out.begin(), out.end()};
}

namespace detail {

ContextReader::ContextReader(const ContextTaxonomy& taxonomy) : taxonomy_(taxonomy) {
    for (std::size_t i = 0; i < taxonomy.tags.size(); ++i)
        cues_.add_all(taxonomy.tags[i].cues, static_cast<int>(i));
    excluded_.add_all(taxonomy.excluded, 0);
    frames_.add_all(taxonomy.frames, 0);
}

std::vector<ContextCue> ContextReader::cues(const std::vector<std::string_view>& toks) const {
    std::vector<ContextCue> out;
    for (std::size_t i = 0; i < toks.size();) {
        if (auto x = excluded_.match(toks, i)) {
            i += x->length;
            continue;
        }
        auto c = cues_.match(toks, i);
        if (!c) {
            ++i;
            continue;
        }
        const bool framed = frames_.match(toks, i + c->length).has_value();
        out.push_back({i, c->length, c->value, framed});
        i += c->length;
    }
    return out;
}

namespace {

// The predicate that made a relation: one of its relation whose clause holds a
// head of one of its parties, else the first of its relation.
const Predicate* predicate_of(const ParsedSentence& s,
                              const ActorTable& actors,
                              const Relation& r) {
    const Predicate* first = nullptr;
    for (const Predicate& p : s.predicates) {
        if (p.relation != r.relation) continue;
        if (!first) first = &p;
        for (const NounPhrase& h : s.heads) {
            const std::string& id = actors[h.actor].id;
            if (h.clause == p.clause && (id == r.source || id == r.target)) return &p;
        }
    }
    return first;
}

// The cue nearest `token` among those `fits` accepts; a cue before the
// predicate (its object, in SOV order) wins a tie of distance.
template <class Fits>
const ContextCue* nearest(const std::vector<ContextCue>& cues, std::size_t token, Fits fits) {
    const ContextCue* best = nullptr;
    std::size_t best_d = 0;
    for (const ContextCue& c : cues) {
        if (!fits(c)) continue;
        const std::size_t d = c.token < token ? token - c.token : c.token - token + 1;
        if (!best || d < best_d) {
            best = &c;
            best_d = d;
        }
    }
    return best;
}

}  // namespace

void ContextReader::assign(const ParsedSentence& s,
                           const ActorTable& actors,
                           const std::vector<ContextCue>& cues,
                           std::vector<Relation>& relations) const {
    for (Relation& r : relations) {
        if (!taxonomy_.takes_context(r.relation)) continue;
        r.context.clear();
        r.context_source.clear();
        const Predicate* p = predicate_of(s, actors, r);
        const std::size_t token = p ? p->token : s.tokens.size();
        auto in_clause = [&](const ContextCue& c) {
            return p && c.token < s.clause_of_token.size() &&
                   s.clause_of_token[c.token] == p->clause;
        };
        const ContextCue* c =
            nearest(cues, token, [&](const ContextCue& x) { return x.framed && in_clause(x); });
        if (!c) c = nearest(cues, token, in_clause);
        ContextSource source = ContextSource::clause;
        if (!c) {
            c = nearest(cues, token, [](const ContextCue&) { return true; });
            source = ContextSource::sentence;
        }
        if (!c) continue;
        r.context = taxonomy_.tags[static_cast<std::size_t>(c->tag)].tag;
        r.context_source = std::string(to_string(source));
    }
}

void ContextReader::score(const std::vector<ContextCue>& cues,
                          double weight,
                          std::vector<double>& scores) const {
    scores.resize(taxonomy_.tags.size(), 0.0);
    for (const ContextCue& c : cues)
        scores[static_cast<std::size_t>(c.tag)] += weight;
}

void ContextReader::score_title(std::string_view title, std::vector<double>& scores) const {
    const FoldedText ft = fold(title);
    std::vector<std::string_view> toks;
    for (const Token& t : tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())}))
        toks.push_back(t.span.of(ft.text));
    score(cues(toks), taxonomy_.topic.title_weight, scores);
}

std::vector<TopicScore> ContextReader::topics(const std::vector<double>& scores) const {
    std::vector<TopicScore> out;
    double total = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i] > 0) out.push_back({taxonomy_.tags[i].tag, scores[i]});
        total += scores[i];
    }
    std::sort(out.begin(), out.end(), [](const TopicScore& a, const TopicScore& b) {
        return a.score != b.score ? a.score > b.score : a.tag < b.tag;
    });
    if (!out.empty()) {
        const TopicRule& rule = taxonomy_.topic;
        out.front().main =
            out.front().score >= rule.min_score && out.front().score >= rule.min_share * total;
    }
    return out;
}

void ContextReader::inherit(const std::vector<TopicScore>& topics,
                            std::vector<Relation>& relations) const {
    if (topics.empty() || !topics.front().main) return;
    for (Relation& r : relations) {
        if (!taxonomy_.takes_context(r.relation) || !r.context.empty()) continue;
        r.context = topics.front().tag;
        r.context_source = std::string(to_string(ContextSource::article));
    }
}

}  // namespace detail

}  // namespace rabta
