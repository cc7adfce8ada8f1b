// Facts: what extraction found in each article, as JSON Lines
// (schemas/facts.schema.json), so that extraction can run as a stateless
// filter over shards (Hadoop Streaming, Spark's pipe, GNU parallel) and the
// shards' outputs can be merged into one store.
#pragma once

#include <rabta/article.h>
#include <rabta/extract.h>

#include <cstdint>
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

/// Writes one facts stream: a header line (its format and versions) on
/// construction, one line per article, and on finish() a trailer line with the
/// number of article lines and a checksum over the lines (FNV-1a 64 over every
/// line from the header to the last article line, each with its '\n'). A
/// stream without its trailer is refused by read_facts: a killed extract or a
/// partial copy cannot pass for a whole shard.
class FactsWriter {
  public:
    FactsWriter(std::ostream& out, const Versions& versions);
    void write(const Article& article, const Extraction& extraction);
    void finish();
    std::size_t articles() const { return articles_; }

  private:
    void line(std::string_view text);
    std::ostream& out_;
    std::size_t articles_ = 0;
    std::uint64_t checksum_;
    bool finished_ = false;
};

using FactsSink = std::function<void(Article&&, Extraction&&)>;

/// What facts must agree with to be stored.
struct FactsExpectations {
    /// Every header must name exactly these versions (empty: any).
    Versions versions;
    /// When given, every entity id a line names (mentions, relations, roles)
    /// must be an actor of this lexicon or one the article itself discovered:
    /// any other would not be in the store.
    const Lexicon* lexicon = nullptr;
    /// When given, every relation must be one these rules define.
    const Rules* rules = nullptr;
    /// A longer line is refused without being held whole.
    std::size_t max_line_bytes = SIZE_MAX;
};

/// Reads a facts stream, or several concatenated (each from its header to its
/// trailer). Throws InputError, naming the line and the reason, for a stream
/// that must not be stored at all: one that is empty, does not begin with a
/// valid header, has a header whose versions differ from the expected ones,
/// lacks its trailer (cut short), or whose trailer disagrees with its lines
/// (article count or checksum), for lines between streams, and for a line
/// longer than the limit or a read error. A bad line inside a stream (invalid
/// JSON, a schema violation, a span outside its text, an unknown entity or
/// relation) goes to `problems` and is skipped.
void read_facts(std::istream& in,
                std::string_view origin,
                const FactsExpectations& expect,
                const FactsSink& sink,
                const ProblemSink& problems);

/// The longest facts line read_facts accepts for articles of up to
/// `max_article_bytes`: 16 × that plus 1 MiB (room for the JSON escapes of the
/// text, its sentences, mentions and ties).
std::size_t max_facts_line_bytes(std::size_t max_article_bytes);

struct ExtractOptions {
    std::optional<std::string> lexicon, rules, boilerplate;  ///< default: embedded
    unsigned jobs = 0;  ///< threads (0: one per core); the output is the same for any number
    Limits limits;
};

/// Reads JSON Lines articles from `in`, writes one facts stream (header, one
/// line per article in input order, trailer) to `out`. No database, no state: the
/// output depends only on the input and the data files. Bad articles go to
/// `problems`. Returns the number of articles written.
std::size_t extract_stream(const ExtractOptions& options,
                           std::istream& in,
                           std::string_view origin,
                           std::ostream& out,
                           const ProblemSink& problems);

}  // namespace rabta
