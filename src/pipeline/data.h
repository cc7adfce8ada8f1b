// The data files extraction runs with, loaded and validated before any work:
// a broken file stops the run with ConfigError before anything is written.
#pragma once

#include <rabta/boilerplate.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>

#include <optional>
#include <string>

namespace rabta::detail {

struct ExtractionData {
    Lexicon lexicon;
    Rules rules;
    std::optional<Boilerplate> own_boilerplate;

    /// Each path is a file or directory of *.json; nothing: the embedded data.
    /// `curation`: an analyst's overlay (rabta curate), applied to the lexicon.
    static ExtractionData load(const std::optional<std::string>& lexicon,
                               const std::optional<std::string>& rules,
                               const std::optional<std::string>& boilerplate,
                               const std::optional<std::string>& curation = std::nullopt);
    const Boilerplate& boilerplate() const {
        return own_boilerplate ? *own_boilerplate : Boilerplate::embedded();
    }
};

}  // namespace rabta::detail
