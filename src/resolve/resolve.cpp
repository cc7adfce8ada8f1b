// The resolve stage over one article: which actor each mention names, after
// relate has tied them.
#include <rabta/lexicon.h>
#include <rabta/resolve.h>
#include <rabta/text.h>

#include <algorithm>
#include <set>

namespace rabta {

namespace {

bool names_no_actor(const Lexicon& lex, const std::string& name) {
    const std::string key = fold_key(name);
    auto it = std::lower_bound(lex.keys().begin(), lex.keys().end(), key,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    return it != lex.keys().end() && it->first == key && it->second.actor == kNotAnActor;
}

// Removes the actors of `gone` from the extraction, with whatever names them.
void drop(Extraction& ex, const std::set<std::string>& gone) {
    if (gone.empty()) return;
    std::erase_if(ex.mentions, [&](const Mention& m) { return gone.count(m.entity) > 0; });
    std::erase_if(ex.relations, [&](const Relation& r) {
        return gone.count(r.source) > 0 || gone.count(r.target) > 0;
    });
    std::erase_if(ex.roles, [&](const TextRole& r) {
        return gone.count(r.person) > 0 || gone.count(r.org) > 0;
    });
}

}  // namespace

void resolve_article(const Article& article,
                     const Lexicon& lexicon,
                     const Rules& rules,
                     Extraction& ex) {
    qualify_bodies(article, lexicon, rules, ResolveData::embedded(), ex);
    std::set<std::string> rejected;
    std::erase_if(ex.discovered, [&](const Actor& a) {
        if (names_no_actor(lexicon, a.label_ur)) {
            rejected.insert(a.id);
            return true;
        }
        return lexicon.find(a.id) != nullptr;  // promoted: the lexicon's actor now
    });
    drop(ex, rejected);
}

}  // namespace rabta
