// The pattern families of discovery, one function each, and the order they run
// in. Each reads folded tokens left to right and claims only tokens that no
// mention holds yet, so the lexicon's mentions and earlier families win.
#include <algorithm>
#include <cctype>

#include "recognize/discover.h"

namespace rabta::detail {

namespace {

std::string join(const std::vector<std::string_view>& toks, std::size_t a, std::size_t b) {
    std::string s;
    for (std::size_t i = a; i < b; ++i) {
        if (!s.empty()) s += ' ';
        s.append(toks[i]);
    }
    return s;
}

std::string concat(const std::vector<std::string_view>& toks, std::size_t a, std::size_t b) {
    std::string s;
    for (std::size_t i = a; i < b; ++i)
        s.append(toks[i]);
    return s;
}

bool is_digits(std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
}

bool is_of(const std::vector<std::string_view>& toks, std::size_t i) {
    return i < toks.size() && (toks[i] == "کے" || toks[i] == "کی" || toks[i] == "کا");
}

}  // namespace

struct Discoverer::Pass {
    const std::vector<std::string_view>& toks;
    const std::vector<bool>& is_word;
    ActorTable& table;
    TitleMemory& memory;
    Discovery& d;
    std::size_t n;
    std::optional<std::uint32_t> home;
    std::vector<int> owner;  ///< per token, the index in d.mentions that holds it, or -1

    void reindex() {
        auto& ms = d.mentions;
        std::sort(ms.begin(), ms.end(),
                  [](const TokenMention& a, const TokenMention& b) { return a.first < b.first; });
        std::fill(owner.begin(), owner.end(), -1);
        for (std::size_t m = 0; m < ms.size(); ++m)
            for (std::size_t t = ms[m].first; t < ms[m].last; ++t)
                owner[t] = static_cast<int>(m);
    }
    /// Replaces the mentions inside [a, b) by one of `actor`.
    void claim(std::size_t a, std::size_t b, std::uint32_t actor, bool anaphor = false) {
        std::erase_if(d.mentions, [&](const TokenMention& m) { return m.first < b && m.last > a; });
        d.mentions.push_back({a, b, {actor, KeyKind::name}, anaphor});
        reindex();
    }
    /// Actors discovered earlier in the article, named again.
    void match_local() {
        if (table.keys().empty()) return;
        for (std::size_t i = 0; i < n; ++i) {
            if (owner[i] >= 0 || !is_word[i]) continue;
            std::string probe;
            std::optional<std::pair<std::size_t, std::uint32_t>> best;
            for (std::size_t j = i; j < n && j < i + 8 && owner[j] < 0; ++j) {
                probe.append(toks[j]);
                auto it = table.keys().lower_bound(probe);
                if (it == table.keys().end() || !it->first.starts_with(probe)) break;
                if (it->first == probe && is_word[j]) best = {{j + 1, it->second}};
            }
            if (best) {
                d.mentions.push_back({i, best->first, {best->second, KeyKind::name}, false});
                reindex();
                i = best->first - 1;
            }
        }
    }
    const TokenMention* mention_at(std::size_t i) const {
        return i < n && owner[i] >= 0 ? &d.mentions[static_cast<std::size_t>(owner[i])] : nullptr;
    }
    EntityType type_of(const TokenMention* m) const { return table[m->key.actor].type; }
};

const std::map<std::string, Discoverer::Family, std::less<>>& Discoverer::families() {
    static const std::map<std::string, Family, std::less<>> all{
        {"ministries", &Discoverer::ministries}, {"organizations", &Discoverer::organizations},
        {"forums", &Discoverer::forums},         {"firm_lists", &Discoverer::firm_lists},
        {"cities", &Discoverer::cities},         {"held_in", &Discoverer::held_in},
        {"leaders", &Discoverer::leaders},       {"titles", &Discoverer::titles},
    };
    return all;
}

Discovery Discoverer::run(const std::vector<std::string_view>& toks,
                          const std::vector<bool>& is_word,
                          const std::vector<TokenMention>& lexicon_mentions,
                          ActorTable& table,
                          TitleMemory& memory) const {
    Discovery d;
    d.mentions = lexicon_mentions;
    if (!enabled_) return d;
    table.use_labels(&labels_);
    Pass ps{toks,
            is_word,
            table,
            memory,
            d,
            toks.size(),
            table.country(p_.home_country),
            std::vector<int>(toks.size(), -1)};
    ps.reindex();
    ps.match_local();
    for (Family f : order_)
        (this->*f)(ps);
    ps.match_local();
    return d;
}

bool Discoverer::name_word(const Pass& ps, std::size_t i) const {
    return i < ps.n && ps.is_word[i] && ps.owner[i] < 0 && !stops_.match(ps.toks, i) &&
           !generic_.match(ps.toks, i) && !titles_.match(ps.toks, i) && !is_digits(ps.toks[i]);
}

void Discoverer::ministries(Pass& ps) const {
    const auto& toks = ps.toks;
    const std::size_t n = ps.n;
    const auto& owner = ps.owner;
    ActorTable& table = ps.table;
    const auto& home = ps.home;
    // Ministries: «وزارت خارجہ», «وفاقی وزارت نجکاری».
    for (std::size_t i = 0; i < n; ++i) {
        if (owner[i] >= 0) continue;
        auto h = ministries_.match(toks, i);
        if (!h) continue;
        std::size_t j = i + h->length;
        while (auto p = portfolios_.match(toks, j))
            j += p->length;
        while (j > i + h->length && (toks[j - 1] == "و" || toks[j - 1] == "اور"))
            --j;
        if (j == i + h->length) continue;
        const std::size_t head_end = i + h->length;
        std::string key = "وزارت" + concat(toks, head_end, j);
        const std::string country = home ? table[*home].country : std::string();
        ps.claim(i, j, table.discover(EntityType::organization, join(toks, i, j), {key}, country));
        i = j - 1;
    }
}

void Discoverer::by_head(Pass& ps,
                         const PhraseSet& heads,
                         EntityType type,
                         bool generic_inside) const {
    const auto& toks = ps.toks;
    const auto& is_word = ps.is_word;
    const std::size_t n = ps.n;
    const auto& owner = ps.owner;
    ActorTable& table = ps.table;
    for (std::size_t j = 1; j < n; ++j) {
        if (owner[j] >= 0) continue;
        auto h = heads.match(toks, j);
        if (!h) continue;
        std::size_t start = j, named = 0;
        while (start > 0 && j - start < 5) {
            const std::size_t k = start - 1;
            // Generic words and numbers only next to the head: «… ٹیک ایونٹ», «… 200 سمٹ».
            const bool next_to_head = named == 0;
            if (name_word(ps, k)) {
                ++named;
            } else if (!(next_to_head && generic_inside && owner[k] < 0 && is_word[k] &&
                         (generic_.match(toks, k) || is_digits(toks[k])) &&
                         !stops_.match(toks, k))) {
                break;
            }
            --start;
        }
        // generic words never start a name
        while (start < j && (generic_.match(toks, start) || is_digits(toks[start])))
            ++start;
        // Before a head that names no kind of business («کمپنی», a forum head), a
        // name of common words alone is a generic noun phrase: «انشورنس کمپنی»,
        // «مطابق کمپنی», «امن کانفرنس». A specific suffix keeps it: «ہلال لاجسٹکس».
        bool proper = type == EntityType::organization && !generic_heads_.match(toks, j);
        for (std::size_t k = start; k < j && !proper; ++k)
            proper = name_word(ps, k) && !common_.match(toks, k);
        if (!proper) named = 0;
        std::string country;
        bool has_mention = false;
        if (const TokenMention* m = start > 0 ? ps.mention_at(start - 1) : nullptr;
            m && m->last == start && ps.type_of(m) != EntityType::person &&
            m->key.kind == KeyKind::name) {
            has_mention = true;
            if (ps.type_of(m) == EntityType::country) country = table[m->key.actor].country;
            start = m->first;
        }
        if (named == 0 && !has_mention) continue;
        std::size_t end = j + h->length;
        if (type == EntityType::forum && end < n && is_digits(toks[end]) && toks[end].size() == 4)
            ++end;
        if (type == EntityType::organization && end + 1 < n &&
            (toks[end] == "آف" || toks[end] == "اف")) {
            if (const TokenMention* m = ps.mention_at(end + 1)) {
                if (ps.type_of(m) == EntityType::country) country = table[m->key.actor].country;
                end = m->last;
            } else if (name_word(ps, end + 1)) {
                end += 2;
            }
        }
        std::vector<std::string> keys{concat(toks, start, end)};
        // A shorter form without the suffix or head and generic words names the
        // same actor later: «ابوظہبی پورٹس کمپنی» … «ابو ظہبی پورٹس».
        // (a place or country at the front counts as one word: «ابوظہبی پورٹس»,
        // but «پاکستان ریلویز» has no shorter form)
        {
            std::string short_key;
            std::size_t own = 0;
            for (std::size_t k = start; k < j; ++k) {
                if (generic_.match(toks, k) || is_digits(toks[k])) continue;
                short_key.append(toks[k]);
                if (owner[k] < 0) ++own;
            }
            if (own >= 1 && own + (has_mention ? 1 : 0) >= 2) keys.push_back(short_key);
        }
        ps.claim(start, end, table.discover(type, join(toks, start, end), keys, country));
        j = end;
    }
}

void Discoverer::organizations(Pass& ps) const {
    by_head(ps, suffixes_, EntityType::organization, false);
}

void Discoverer::forums(Pass& ps) const {
    by_head(ps, forum_heads_, EntityType::forum, true);
}

void Discoverer::firm_lists(Pass& ps) const {
    const auto& toks = ps.toks;
    const auto& is_word = ps.is_word;
    const std::size_t n = ps.n;
    const auto& owner = ps.owner;
    ActorTable& table = ps.table;
    // Coordinated lists of firms: «گوگل، ٹک ٹاک، اوڈو … سمیت 750 کمپنیاں»: an
    // unknown item among known organizations is an organization.
    for (std::size_t k = 1; k < n; ++k) {
        auto after = list_after_.match(toks, k);
        if (!after) continue;
        std::size_t m = k + after->length;
        while (m < n && m < k + after->length + 3 && !list_nouns_.match(toks, m))
            ++m;
        if (!list_nouns_.match(toks, m)) continue;
        std::vector<std::pair<std::size_t, std::size_t>> unknown;
        std::size_t known = 0, items = 0, end = k;
        while (end > 0) {
            std::size_t b = end;
            while (b > 0 && b > end - 4 && toks[b - 1] != "،" && toks[b - 1] != "," &&
                   toks[b - 1] != "اور")
                --b;
            if (b == end || (b > 0 && b == end - 4 && toks[b - 1] != "،" && toks[b - 1] != "," &&
                             toks[b - 1] != "اور"))
                break;
            const TokenMention* mm = ps.mention_at(b);
            if (mm && mm->first == b && mm->last == end) {
                if (ps.type_of(mm) == EntityType::organization) ++known;
            } else {
                bool all = true;
                for (std::size_t t = b; t < end && all; ++t)
                    all = name_word(ps, t) || (is_word[t] && owner[t] < 0 &&
                                               !stops_.match(toks, t) && !generic_.match(toks, t));
                if (!all) break;
                unknown.emplace_back(b, end);
            }
            ++items;
            if (b == 0 || list_before_.match(toks, b >= 2 ? b - 2 : 0)) break;
            end = b - 1;
        }
        if (known == 0 || items < 2) continue;
        for (const auto& [a, b] : unknown) {
            const std::string key = concat(toks, a, b);
            ps.claim(a, b, table.discover(EntityType::organization, join(toks, a, b), {key}, ""));
        }
    }
}

void Discoverer::cities(Pass& ps) const {
    const auto& toks = ps.toks;
    const std::size_t n = ps.n;
    ActorTable& table = ps.table;
    Discovery& d = ps.d;
    // «آذربائیجان کے شہر باکو»: a city and its country.
    for (std::size_t i = 1; i < n; ++i) {
        auto c = city_of_.match(toks, i);
        if (!c) continue;
        const TokenMention* x = ps.mention_at(i - 1);
        if (!x || x->last != i ||
            (ps.type_of(x) != EntityType::country && ps.type_of(x) != EntityType::place))
            continue;
        const std::size_t y = i + c->length;
        const std::uint32_t container = x->key.actor;
        std::optional<std::uint32_t> place;
        if (const TokenMention* m = ps.mention_at(y); m && m->first == y) {
            if (ps.type_of(m) == EntityType::place) place = m->key.actor;
        } else if (name_word(ps, y) && y + 1 < n && stops_.match(toks, y + 1) &&
                   !is_digits(toks[y])) {  // «… کے شہر دولحیہ میں», not «… کے دارالحکومت پہنچے،»
            place = table.discover(EntityType::place, std::string(toks[y]), {std::string(toks[y])},
                                   table[container].country);
            ps.claim(y, y + 1, *place);
        }
        if (place) d.located.emplace_back(*place, container);
    }
}

void Discoverer::held_in(Pass& ps) const {
    const auto& toks = ps.toks;
    const std::size_t n = ps.n;
    Discovery& d = ps.d;
    // «بیجنگ میں منعقدہ گلوبل ڈیجیٹل اکانومی کانفرنس»: where a forum is held.
    for (std::size_t i = 1; i < n; ++i) {
        auto h = held_in_.match(toks, i);
        if (!h) continue;
        const TokenMention* p = ps.mention_at(i - 1);
        const TokenMention* f = ps.mention_at(i + h->length);
        if (p && f && p->last == i && f->first == i + h->length &&
            ps.type_of(f) == EntityType::forum &&
            (ps.type_of(p) == EntityType::place || ps.type_of(p) == EntityType::country))
            d.located.emplace_back(f->key.actor, p->key.actor);
    }
}

void Discoverer::leaders(Pass& ps) const {
    const auto& toks = ps.toks;
    const std::size_t n = ps.n;
    ActorTable& table = ps.table;
    // «وفد کی زبیر عیسیٰ کی سربراہی میں»: a name that leads a group is a person's.
    for (std::size_t i = 2; i < n; ++i) {
        if (!leaders_.match(toks, i)) continue;
        std::size_t b = i;
        while (b > 0 && i - b < 4 &&
               (name_word(ps, b - 1) || (b < i && joiners_.match(toks, b - 1))))
            --b;
        if (i - b < 2 || i - b > 4) continue;
        ps.claim(b, i,
                 table.discover(EntityType::person, join(toks, b, i), {concat(toks, b, i)}, ""));
    }
}

void Discoverer::titles(Pass& ps) const {
    const auto& toks = ps.toks;
    const std::size_t n = ps.n;
    const auto& owner = ps.owner;
    ActorTable& table = ps.table;
    const auto& ms = ps.d.mentions;
    Discovery& d = ps.d;
    TitleMemory& memory = ps.memory;
    const auto& home = ps.home;
    // Titles: «[X کے] TITLE [portfolio] [ORG] [honorific] NAME».
    for (std::size_t i = 0; i < n; ++i) {
        if (owner[i] >= 0) continue;
        auto t = titles_.match(toks, i);
        if (!t) continue;
        const TitleRule* rule = &p_.titles[static_cast<std::size_t>(t->value)];
        // «اسرائیل کے سابق وزیر اعظم»: a former office names the person and the
        // country, but is no role held on the article's date.
        std::size_t lead = i;
        bool former = false;
        if (auto f = lead > 0 ? former_.match(toks, lead - 1) : std::nullopt; f && f->length == 1) {
            former = true;
            --lead;
        } else if (const TokenMention* dm = lead > 0 ? ps.mention_at(lead - 1) : nullptr;
                   dm && dm->last == lead && dm->key.kind == KeyKind::demonym && dm->first > 0 &&
                   former_.match(toks, dm->first - 1)) {
            former = true;  // «سابق امریکی صدر»
        }
        std::optional<std::uint32_t> org;
        bool qualified = false;
        if (const TokenMention* m = lead > 0 ? ps.mention_at(lead - 1) : nullptr;
            m && m->last == lead && m->key.kind == KeyKind::demonym) {
            org = m->key.actor;  // «سعودی وزیر», «پاکستانی سفیر»
        } else if (auto after = title_of_at(toks, lead); after) {
            for (std::size_t k = lead - *after; k-- > 0 && k + 9 > lead;) {
                if (toks[k] == ")") {  // «ایڈمنسٹریشن (NRTA) کی وزیر»
                    while (k > 0 && toks[k] != "(")
                        --k;
                    continue;
                }
                if (const TokenMention* m2 = ps.mention_at(k)) {
                    const EntityType ty = ps.type_of(m2);
                    if (m2->last == k + 1 &&
                        (ty == EntityType::organization || ty == EntityType::country))
                        org = m2->key.actor;
                    else if (m2->last == k + 1)
                        qualified = true;  // «ٹرمپ کے مشیر»: an office held for a person
                    break;
                }
                // «چینی وزیراعظم کا … وزیر اعظم عمران خان»: another office is not this
                // one's organization
                if (titles_.match(toks, k)) break;
                if (!(is_of(toks, k) || name_word(ps, k) || generic_.match(toks, k))) break;
                if (stops_.match(toks, k) && !is_of(toks, k)) break;
            }
        }
        std::size_t j = i + t->length;
        std::string portfolio;
        for (;;) {
            if (auto h = honorifics_.match(toks, j)) {
                j += h->length;
                continue;
            }
            if (auto p = portfolios_.match(toks, j)) {
                if ((toks[j] == "اور" || toks[j] == "و") && !portfolios_.match(toks, j + 1)) {
                    if (auto t2 = titles_.match(toks, j + 1)) {  // «نائب وزیراعظم اور وزیرخارجہ»
                        rule = &p_.titles[static_cast<std::size_t>(t2->value)];
                        t = t2;
                        j += 1 + t2->length;
                        continue;
                    }
                    break;
                }
                portfolio += concat(toks, j, j + p->length);
                j += p->length;
                continue;
            }
            break;
        }
        const std::size_t title_end = j;
        if (const TokenMention* m = ps.mention_at(j);
            m && m->first == j && ps.type_of(m) == EntityType::organization &&
            name_word(ps, m->last) && name_word(ps, m->last + 1)) {
            org = m->key.actor;  // «ایگزیکٹو ڈائریکٹر پاکستان نیشنل شپنگ کارپوریشن خرم مرزا»
            j = m->last;
        }
        while (auto h = honorifics_.match(toks, j))
            j += h->length;
        std::optional<std::uint32_t> person;
        std::size_t name_end = j;
        bool anaphor = false;
        if (const TokenMention* m = ps.mention_at(j);
            m && m->first == j && ps.type_of(m) == EntityType::person) {
            person = m->key.actor;
            name_end = m->last;
        } else if (!rule->group) {
            std::size_t k = j, words = 0, joined = 0;
            while (k < n && k < j + 6 && (name_word(ps, k) || (k > j && joiners_.match(toks, k)))) {
                ++(joiners_.match(toks, k) ? joined : words);
                ++k;
            }
            if (const TokenMention* next = ps.mention_at(k);
                next && next->first == k && ps.type_of(next) == EntityType::person) {
                // «چیئرمین پی سی بی محسن نقوی»: the words were the office's body
                person = next->key.actor;
                name_end = next->last;
            } else if (words >= 1 && words + joined >= 2 && words <= 4 && !name_word(ps, k)) {
                std::string country;
                if (org) country = table[*org].country;
                if (!org && rule->kind == "government" && home) country = table[*home].country;
                const std::string key = concat(toks, j, k);
                person = table.discover(EntityType::person, join(toks, j, k), {key}, country);
                ps.claim(j, k, *person);
                name_end = k;
            }
        }
        const std::string title_key = std::to_string(t->value) + "|" + portfolio + "|";
        const std::string org_key = org ? table[*org].id : std::string();
        if (!person && p_.role_anaphors && !rule->group && !former) {
            auto it = memory.holder.find(title_key + org_key);
            if (it != memory.holder.end()) {
                person = it->second;
                anaphor = true;
                ps.claim(i, title_end, *person, true);
            }
        }
        if (!person) {
            i = title_end - 1;
            continue;
        }
        // A government title with no country named: a known person's own country;
        // else the home country, unless the sentence has named another country
        // before the title («بیلاروس کے وزرا …، وزیرخارجہ میکسم رائزنکوف»).
        bool defaulted = false;
        if (!org && !qualified && rule->kind == "government") {
            const Actor& who = table[*person];
            if (!table.is_discovered(*person) && !who.country.empty()) {
                org = table.country(who.country);
            } else if (home) {
                bool foreign = false;
                for (const auto& m : ms) {
                    if (m.first >= i) break;
                    // a foreign country, or a known foreign person («مودی، وزیر داخلہ …»)
                    const Actor& a = table[m.key.actor];
                    foreign =
                        foreign || (a.type == EntityType::country && m.key.actor != *home) ||
                        (a.type == EntityType::person && !a.country.empty() &&
                         !table.is_discovered(m.key.actor) && a.country != table[*home].country);
                }
                if (!foreign) org = home;
            }
            defaulted = org.has_value();
        }
        if (!former) {
            memory.holder[title_key + org_key] = *person;
            memory.holder[title_key] = *person;
        }
        if (!anaphor && !former && org) d.roles.push_back({*person, *org, i, title_end, defaulted});
        i = std::max(name_end, title_end) - 1;
    }
}

}  // namespace rabta::detail
