#include "recognize/matcher.h"

#include <algorithm>

namespace rabta::detail {

Matcher::Matcher(const Lexicon& lexicon, std::size_t max_tokens)
    : keys_(lexicon.keys()), max_tokens_(max_tokens) {}

std::vector<TokenMention> Matcher::find(const std::vector<std::string_view>& tokens,
                                        const std::vector<bool>& is_word) const {
    std::vector<TokenMention> out;
    std::string probe;
    auto less = [](const std::pair<std::string, LexiconKey>& e, const std::string& k) {
        return e.first < k;
    };
    std::size_t i = 0;
    while (i < tokens.size()) {
        if (!is_word[i]) {
            ++i;
            continue;
        }
        probe.clear();
        std::optional<TokenMention> best;
        for (std::size_t j = i; j < tokens.size() && j - i < max_tokens_; ++j) {
            probe.append(tokens[j]);
            auto it = std::lower_bound(keys_.begin(), keys_.end(), probe, less);
            if (it == keys_.end() || !it->first.starts_with(probe))
                break;  // no key goes on this way
            if (it->first == probe && is_word[j]) best = TokenMention{i, j + 1, it->second};
        }
        if (best) {
            if (best->key.actor != kNotAnActor) out.push_back(*best);
            i = best->last;
        } else {
            ++i;
        }
    }
    return out;
}

}  // namespace rabta::detail
