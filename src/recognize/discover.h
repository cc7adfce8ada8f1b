// Actors the lexicon does not know, found by patterns (seeds/rules/actors.json):
// a title before a name, firm suffixes, forum heads, ministries, coordinated
// lists; and the roles that titles give persons.
#pragma once

#include <rabta/lexicon.h>
#include <rabta/romanize.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/matcher.h"
#include "recognize/phrases.h"

namespace rabta::detail {

/// The actors of one article: the lexicon's, then those discovered in it. Indices
/// below lexicon().actors().size() are lexicon actors.
class ActorTable {
  public:
    explicit ActorTable(const Lexicon& lexicon) : lexicon_(lexicon) {}
    const Actor& operator[](std::uint32_t i) const {
        const auto n = lexicon_.actors().size();
        return i < n ? lexicon_.actors()[i] : local_[i - n];
    }
    bool is_discovered(std::uint32_t i) const { return i >= lexicon_.actors().size(); }
    const Lexicon& lexicon() const { return lexicon_; }
    const std::vector<Actor>& discovered() const { return local_; }

    /// The actor known in this article under `key` (a space-free folded name).
    std::optional<std::uint32_t> find(const std::string& key) const;
    /// Adds a discovered actor, or returns the one already under one of `keys`.
    /// The first key is its name with every word, the others shorter forms.
    std::uint32_t discover(EntityType type,
                           const std::string& label,
                           const std::vector<std::string>& keys,
                           const std::string& country);
    /// Local keys, for matching later sentences of the article.
    const std::map<std::string, std::uint32_t>& keys() const { return keys_; }
    std::optional<std::uint32_t> country(std::string_view iso) const;
    /// Latin labels of actors discovered from now on (else the embedded table).
    void use_labels(const LatinLabels* labels) { labels_ = labels; }

  private:
    const Lexicon& lexicon_;
    const LatinLabels* labels_ = nullptr;
    std::vector<Actor> local_;
    std::map<std::string, std::uint32_t> keys_;
};

/// A person's office as a title in the text says: tokens [first, last) hold the
/// title as written.
struct RoleFact {
    std::uint32_t person;
    std::uint32_t org;
    std::size_t first, last;
    bool defaulted = false;  ///< the home country, for a government title that named none
};

struct Discovery {
    std::vector<TokenMention> mentions;  ///< all mentions, by token, not overlapping
    std::vector<RoleFact> roles;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> located;  ///< (place, container)
};

/// What titles meant earlier in the article: «وزیراعظم» later means the person
/// last named with that title.
struct TitleMemory {
    std::map<std::string, std::uint32_t> holder;
};

class Discoverer {
  public:
    Discoverer(const ActorPatterns& patterns, const Lexicon& lexicon);

    /// Splits tokens glued from a one-word title and a portfolio («وزیرخارجہ»,
    /// «وزیرٹرانسپورٹ») so that the title reads as it does when spaced.
    void split_glued_titles(std::vector<Token>& tokens, std::string_view text) const;

    /// `lexicon_mentions` are the lexicon's matches in this sentence. Mentions of
    /// actors discovered earlier in the article are added from the table's keys.
    Discovery run(const std::vector<std::string_view>& toks,
                  const std::vector<bool>& is_word,
                  const std::vector<TokenMention>& lexicon_mentions,
                  ActorTable& table,
                  TitleMemory& memory) const;

    bool enabled() const { return enabled_; }

  private:
    /// One sentence's state while the pattern families run over it.
    struct Pass;
    using Family = void (Discoverer::*)(Pass&) const;
    /// The families by the names actors.json orders them under "families".
    static const std::map<std::string, Family, std::less<>>& families();

    // One function per pattern family; each claims tokens no mention holds yet.
    void ministries(Pass& ps) const;  ///< «وزارت خارجہ», «وفاقی وزارت نجکاری»
    void organizations(Pass& ps) const;  ///< «… پورٹس کمپنی», «… ٹیکنالوجیز»
    void forums(Pass& ps) const;         ///< «… سمٹ», «… کانفرنس 2024»
    void firm_lists(Pass& ps) const;  ///< «گوگل، ٹک ٹاک، اوڈو … سمیت 750 کمپنیاں»
    void cities(Pass& ps) const;   ///< «آذربائیجان کے شہر باکو»
    void held_in(Pass& ps) const;  ///< «بیجنگ میں منعقدہ … کانفرنس»
    void leaders(Pass& ps) const;  ///< «… زبیر عیسیٰ کی سربراہی میں»
    void titles(Pass& ps) const;   ///< «[X کے] TITLE [portfolio] [ORG] [honorific] NAME»

    /// Organizations by suffix and forums by head, named by the words before them.
    void by_head(Pass& ps, const PhraseSet& heads, EntityType type, bool generic_inside) const;
    /// A word that can be part of a name: not a mention, function word, generic
    /// word, title, or number.
    bool name_word(const Pass& ps, std::size_t i) const;
    bool titles_starts(std::string_view s) const;
    /// Length of a «کے», «کی نمائندگی» … ending right before token i, if any.
    std::optional<std::size_t> title_of_at(const std::vector<std::string_view>& toks,
                                           std::size_t i) const {
        for (std::size_t len = 1; len <= 3 && len < i; ++len)
            if (auto m = title_of_.match(toks, i - len); m && m->length == len) return len;
        return std::nullopt;
    }

    std::vector<Family> order_;  ///< the families in the order the data gives
    LatinLabels labels_;         ///< loanwords, letters and the lexicon's names
    bool enabled_ = false;
    const ActorPatterns& p_;
    PhraseSet titles_, portfolios_, honorifics_, suffixes_, ministries_, forum_heads_, generic_,
        stops_, joiners_, list_before_, list_after_, list_nouns_, city_of_, held_in_, title_of_,
        leaders_, former_, common_, generic_heads_;
    std::vector<std::string> one_word_titles_;
};

}  // namespace rabta::detail
