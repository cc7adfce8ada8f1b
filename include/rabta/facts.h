// Facts: what extraction found in each article, as JSON Lines
// (schemas/facts.schema.json), so that extraction can run as a stateless
// filter over shards (Hadoop Streaming, Spark's pipe, GNU parallel) and the
// shards' outputs can be merged into one store.
#pragma once

#include <rabta/article.h>
#include <rabta/extract.h>

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace rabta {

class Boilerplate;
class Lexicon;
class Rules;

/// Content versions of everything extraction depends on besides the article
/// (lexicon, rules, boilerplate, rabta), as (key, value) pairs. A store records
/// them in its meta table; a facts stream in its header line.
using Versions = std::vector<std::pair<std::string, std::string>>;
Versions extraction_versions(const Lexicon& lexicon, const Rules& rules, const Boilerplate& bp);

/// The first line of every facts stream: its format and versions.
void write_facts_header(std::ostream& out, const Versions& versions);
/// One article and its extraction as one line.
void write_facts(std::ostream& out, const Article& article, const Extraction& extraction);

using FactsSink = std::function<void(Article&&, Extraction&&)>;

/// Reads a facts stream (several concatenated streams too: each header is
/// checked). A header whose versions differ from `versions` throws InputError
/// naming the line and the first difference: facts from another lexicon must
/// not be mixed into a store. So does a stream that is empty, does not begin
/// with a valid header, or cannot be read to its end: a shard lost in part
/// would make its articles look deleted. A bad line after the header goes to
/// `problems` and is skipped.
void read_facts(std::istream& in,
                std::string_view origin,
                const Versions& versions,
                const FactsSink& sink,
                const ProblemSink& problems);

struct ExtractOptions {
    std::optional<std::string> lexicon, rules, boilerplate;  ///< default: embedded
    unsigned jobs = 0;  ///< threads (0: one per core); the output is the same for any number
    Limits limits;
};

/// Reads JSON Lines articles from `in`, writes the facts header and one facts
/// line per article to `out`, in input order. No database, no state: the
/// output depends only on the input and the data files. Bad articles go to
/// `problems`. Returns the number of articles written.
std::size_t extract_stream(const ExtractOptions& options,
                           std::istream& in,
                           std::string_view origin,
                           std::ostream& out,
                           const ProblemSink& problems);

}  // namespace rabta
