#include "pipeline/data.h"

#include <rabta/data_source.h>
#include <rabta/resolve.h>

namespace rabta::detail {

ExtractionData ExtractionData::load(const std::optional<std::string>& lexicon,
                                    const std::optional<std::string>& rules,
                                    const std::optional<std::string>& boilerplate,
                                    const std::optional<std::string>& curation) {
    std::vector<DataFile> lexicon_files =
        lexicon ? read_data_files(*lexicon, ".json") : embedded_files("seeds/lexicon/");
    if (curation)
        lexicon_files = curated_lexicon_files(
            lexicon_files, Curation::load(read_data_files(*curation, ".json").front()));
    ExtractionData d{Lexicon::load(lexicon_files),
                     rules ? Rules::load(read_data_files(*rules, ".json")) : Rules::embedded(),
                     std::nullopt};
    if (boilerplate) {
        auto f = read_data_files(*boilerplate, ".json");
        d.own_boilerplate = Boilerplate::load(f.front().origin, f.front().content);
    }
    return d;
}

}  // namespace rabta::detail
