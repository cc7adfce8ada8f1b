#include "pipeline/data.h"

#include <rabta/data_source.h>

namespace rabta::detail {

ExtractionData ExtractionData::load(const std::optional<std::string>& lexicon,
                                    const std::optional<std::string>& rules,
                                    const std::optional<std::string>& boilerplate) {
    ExtractionData d{
        lexicon ? Lexicon::load(read_data_files(*lexicon, ".json")) : Lexicon::embedded(),
        rules ? Rules::load(read_data_files(*rules, ".json")) : Rules::embedded(), std::nullopt};
    if (boilerplate) {
        auto f = read_data_files(*boilerplate, ".json");
        d.own_boilerplate = Boilerplate::load(f.front().origin, f.front().content);
    }
    return d;
}

}  // namespace rabta::detail
