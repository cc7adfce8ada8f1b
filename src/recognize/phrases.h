// Fast lookup of folded token phrases (markers, cues, pronouns, ...).
#pragma once

#include <rabta/rules.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rabta::detail {

/// Hash for unordered containers keyed by std::string that are searched with
/// string_view: a lookup per token must not allocate.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

/// Phrases keyed by their first token, longest first, each with a value.
class PhraseSet {
  public:
    void add(const Phrase& p, int value) {
        auto& v = by_first_[p.front()];
        v.push_back({p, value});
        std::stable_sort(v.begin(), v.end(), [](const Entry& a, const Entry& b) {
            return a.phrase.size() > b.phrase.size();
        });
    }
    void add_all(const std::vector<Phrase>& ps, int value) {
        for (const auto& p : ps)
            add(p, value);
    }

    struct Match {
        int value;
        std::size_t length;  ///< in tokens
    };

    /// Longest phrase starting at toks[i].
    std::optional<Match> match(const std::vector<std::string_view>& toks, std::size_t i) const {
        if (i >= toks.size()) return std::nullopt;
        auto it = by_first_.find(toks[i]);
        if (it == by_first_.end()) return std::nullopt;
        for (const auto& e : it->second) {
            if (i + e.phrase.size() > toks.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < e.phrase.size() && ok; ++k)
                ok = toks[i + k] == e.phrase[k];
            if (ok) return Match{e.value, e.phrase.size()};
        }
        return std::nullopt;
    }

  private:
    struct Entry {
        Phrase phrase;
        int value;
    };
    std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> by_first_;
};

}  // namespace rabta::detail
