// Qualified bodies: «وزارت خارجہ» is Pakistan's in one sentence and Saudi
// Arabia's in the next; each country's body is its own actor.
#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/resolve.h>
#include <rabta/text.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "util/hash.h"
#include "util/json.h"

namespace rabta {

ResolveData ResolveData::load(const DataFile& file) {
    rapidjson::Document doc = detail::load_validated(file, "schemas/bodies.schema.json");
    ResolveData d;
    for (const auto& v : doc["qualified_heads"].GetArray())
        d.qualified_heads.push_back(fold(v.GetString()).text);
    for (const auto& v : doc["of_words"].GetArray())
        d.of_words.push_back(fold(v.GetString()).text);
    d.version = detail::hash64(file.content, detail::hash64("rabta-resolve-1"));
    return d;
}

const ResolveData& ResolveData::embedded() {
    static const ResolveData d = load(embedded_file("seeds/resolve/bodies.json"));
    return d;
}

namespace {

// `s` between two spaces. Written with append(), not " " + std::string(...):
// GCC 12 at -O3 reports a false -Wrestrict inside operator+ (as in
// text/romanize.cpp).
std::string padded(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.append(1, ' ').append(s).append(1, ' ');
    return out;
}

// Whole words of `head` inside `name` (both folded, words split by spaces).
bool has_words(std::string_view name, std::string_view head) {
    return padded(name).find(padded(head)) != std::string::npos;
}

bool is_body(const Actor& a, const ResolveData& data) {
    if (a.type != EntityType::organization) return false;
    const std::string name = fold(a.label_ur).text;
    return std::any_of(data.qualified_heads.begin(), data.qualified_heads.end(),
                       [&](const std::string& h) { return has_words(name, h); });
}

// The country a name itself holds («پاکستان کرکٹ بورڈ»), by the lexicon.
std::string country_in_name(const Actor& a, const Lexicon& lex) {
    const std::string key = fold_key(a.label_ur);
    for (const auto& [k, lk] : lex.keys()) {
        if (lk.actor == kNotAnActor || k.size() >= key.size() || !key.starts_with(k)) continue;
        const Actor& c = lex.actors()[lk.actor];
        if (c.type == EntityType::country) return c.country;
    }
    return {};
}

// What the sentence says before a body's mention: a country (or demonym) right
// before it, with at most an «کی» between: «سعودی وزارت خارجہ», «چین کی وزارت».
std::string country_before(const Extraction& ex,
                           std::size_t at,
                           const Article& article,
                           const Lexicon& lex,
                           const ResolveData& data) {
    const Mention& m = ex.mentions[at];
    for (std::size_t i = at; i-- > 0;) {
        const Mention& p = ex.mentions[i];
        if (p.sentence != m.sentence || p.span.end > m.span.begin) continue;
        std::string gap = fold(article.text.substr(p.span.end, m.span.begin - p.span.end)).text;
        std::erase_if(gap, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
        const bool joined = gap.empty() || std::find(data.of_words.begin(), data.of_words.end(),
                                                     gap) != data.of_words.end();
        const Actor* c = lex.find(p.entity);
        if (joined && c && c->type == EntityType::country) return c->country;
        return {};
    }
    return {};
}

// The country of a person the sentence gives an office in the body.
std::string holder_country(const Extraction& ex,
                           const Mention& m,
                           const std::string& body,
                           const Lexicon& lex) {
    for (const TextRole& r : ex.roles) {
        if (r.org != body || r.sentence != m.sentence) continue;
        if (const Actor* p = lex.find(r.person); p && !p->country.empty()) return p->country;
        for (const Actor& d : ex.discovered)
            if (d.id == r.person && !d.country.empty()) return d.country;
    }
    return {};
}

std::string dateline_country(const Article& article, const Lexicon& lex) {
    if (article.dateline.empty()) return {};
    const std::string key = fold_key(article.dateline);
    auto it = std::lower_bound(lex.keys().begin(), lex.keys().end(), key,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    if (it == lex.keys().end() || it->first != key || it->second.actor == kNotAnActor) return {};
    return lex.actors()[it->second.actor].country;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The body of one country: its own id and labels, the unqualified name kept as an alias.
Actor qualified(const Actor& body, const std::string& cc, const Lexicon& lex) {
    Actor q = body;
    q.country = cc;
    q.id = body.id + "-" + lower(cc);
    if (const Actor* c = lex.find("country:" + cc)) {
        q.label_ur = body.label_ur + " (" + c->label_ur + ")";
        q.label_en = body.label_en + " (" + c->label_en + ")";
    }
    q.names.insert(q.names.begin(), q.label_ur);
    return q;
}

struct Bodies {
    std::map<std::string, std::size_t> index;  ///< body id → index into ex.discovered
    /// (body id, sentence) → qualified id, and body id → that of its first mention
    std::map<std::pair<std::string, std::uint32_t>, std::string> in_sentence;
    std::map<std::string, std::string> first;
    std::map<std::string, Actor> made;  ///< qualified id → actor
};

void qualify_mentions(const Article& article,
                      const Lexicon& lex,
                      const std::string& home,
                      const ResolveData& data,
                      Extraction& ex,
                      Bodies& b) {
    const std::string dateline = dateline_country(article, lex);
    for (std::size_t i = 0; i < ex.mentions.size(); ++i) {
        Mention& m = ex.mentions[i];
        auto it = b.index.find(m.entity);
        if (it == b.index.end()) continue;
        const Actor& body = ex.discovered[it->second];
        std::string cc = country_before(ex, i, article, lex, data);
        if (cc.empty()) cc = holder_country(ex, m, body.id, lex);
        if (cc.empty()) cc = dateline.empty() ? home : dateline;
        if (cc.empty()) continue;
        Actor q = qualified(body, cc, lex);
        b.in_sentence.emplace(std::make_pair(body.id, m.sentence), q.id);
        b.first.emplace(body.id, q.id);
        m.entity = q.id;
        b.made.emplace(q.id, std::move(q));
    }
}

std::string qualified_id(const Bodies& b, const std::string& id, std::uint32_t sentence) {
    if (!b.index.count(id)) return id;
    if (auto it = b.in_sentence.find({id, sentence}); it != b.in_sentence.end()) return it->second;
    auto it = b.first.find(id);
    return it == b.first.end() ? id : it->second;
}

}  // namespace

void qualify_bodies(const Article& article,
                    const Lexicon& lexicon,
                    const Rules& rules,
                    const ResolveData& data,
                    Extraction& ex) {
    Bodies b;
    for (std::size_t i = 0; i < ex.discovered.size(); ++i) {
        Actor& a = ex.discovered[i];
        if (!is_body(a, data)) continue;
        if (std::string cc = country_in_name(a, lexicon); !cc.empty()) {
            a.country = cc;  // «پاکستان کرکٹ بورڈ»: the name says whose
            continue;
        }
        b.index.emplace(a.id, i);
    }
    if (b.index.empty()) return;
    qualify_mentions(article, lexicon, rules.actors.home_country, data, ex, b);
    for (Relation& r : ex.relations) {
        r.source = qualified_id(b, r.source, r.sentence);
        r.target = qualified_id(b, r.target, r.sentence);
    }
    for (TextRole& r : ex.roles)
        r.org = qualified_id(b, r.org, r.sentence);
    // each body in its place, as one actor per country (those no mention used go)
    std::vector<Actor> out;
    for (const Actor& a : ex.discovered) {
        if (!b.index.count(a.id)) {
            out.push_back(a);
            continue;
        }
        for (const auto& [id, q] : b.made)
            if (id.starts_with(a.id + "-") && id.size() == a.id.size() + 3) out.push_back(q);
    }
    ex.discovered = std::move(out);
}

}  // namespace rabta
