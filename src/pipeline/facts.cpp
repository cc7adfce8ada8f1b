#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/facts.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "pipeline/data.h"
#include "pipeline/extract_queue.h"
#include "rabta_version.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/json_write.h"

namespace rabta {

namespace {

constexpr int kFactsFormat = 1;

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void end_line(std::ostream& out, const rapidjson::StringBuffer& buf) {
    out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
    out.put('\n');
}

std::string get(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::uint32_t u32(const rapidjson::Value& v) {
    return v.GetUint();
}

}  // namespace

Versions extraction_versions(const Lexicon& lexicon, const Rules& rules, const Boilerplate& bp) {
    return {{"lexicon_version", detail::hex64(lexicon.version())},
            {"rules_version", detail::hex64(rules.version())},
            {"boilerplate_version", detail::hex64(bp.version())},
            {"rabta_version", RABTA_VERSION}};
}

void write_facts_header(std::ostream& out, const Versions& versions) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("rabta_facts");
    w.Int(kFactsFormat);
    for (const auto& [k, v] : versions)
        detail::write_field(w, k.c_str(), v);
    w.EndObject();
    end_line(out, buf);
}

void write_facts(std::ostream& out, const Article& a, const Extraction& ex) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("article");
    w.StartObject();
    detail::write_field(w, "id", a.id);
    detail::write_field(w, "origin", a.origin);
    detail::write_field(w, "title", a.title);
    detail::write_optional_field(w, "published", a.published);
    detail::write_optional_field(w, "dateline", a.dateline);
    detail::write_optional_field(w, "outlet", a.outlet);
    detail::write_optional_field(w, "agency", a.agency);
    detail::write_optional_field(w, "url", a.url);
    detail::write_field(w, "content_hash", detail::hex64(a.content_hash));
    detail::write_field(w, "story_hash", detail::hex64(a.story_hash));
    detail::write_field(w, "text", a.text);
    w.EndObject();
    w.Key("sentences");
    w.StartArray();
    for (const Span& s : ex.sentences)
        detail::write_span(w, s.begin, s.end);
    w.EndArray();
    w.Key("mentions");
    w.StartArray();
    for (const Mention& m : ex.mentions) {
        w.StartArray();
        detail::write_string(w, m.entity);
        detail::write_string(w, to_string(m.kind));
        w.Uint(m.sentence);
        w.Uint(m.span.begin);
        w.Uint(m.span.end);
        w.EndArray();
    }
    w.EndArray();
    w.Key("relations");
    w.StartArray();
    for (const Relation& r : ex.relations) {
        w.StartObject();
        detail::write_field(w, "source", r.source);
        detail::write_field(w, "target", r.target);
        detail::write_field(w, "relation", r.relation);
        w.Key("directed");
        w.Bool(r.directed);
        detail::write_field(w, "mode", r.mode);
        detail::write_optional_field(w, "context", r.context);
        detail::write_field(w, "rule", r.rule);
        w.Key("confidence");
        w.Double(r.confidence);
        w.Key("sentence");
        w.Uint(r.sentence);
        w.EndObject();
    }
    w.EndArray();
    w.Key("roles");
    w.StartArray();
    for (const TextRole& r : ex.roles) {
        w.StartObject();
        detail::write_field(w, "person", r.person);
        detail::write_field(w, "org", r.org);
        detail::write_field(w, "title", r.title);
        w.Key("sentence");
        w.Uint(r.sentence);
        w.EndObject();
    }
    w.EndArray();
    w.Key("discovered");
    w.StartArray();
    for (const Actor& d : ex.discovered) {
        w.StartObject();
        detail::write_field(w, "id", d.id);
        detail::write_field(w, "type", to_string(d.type));
        detail::write_field(w, "subtype", d.subtype);
        detail::write_field(w, "label_ur", d.label_ur);
        detail::write_optional_field(w, "label_en", d.label_en);
        detail::write_optional_field(w, "country", d.country);
        w.Key("names");
        w.StartArray();
        for (const auto& n : d.names)
            detail::write_string(w, n);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    end_line(out, buf);
}

void read_facts(std::istream& in,
                std::string_view origin,
                const Versions& versions,
                const FactsSink& sink,
                const ProblemSink& problems) {
    std::string line;
    std::size_t number = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto fail = [&](const std::string& reason) {
            problems(InputError(std::string(origin), number, reason));
        };
        rapidjson::Document doc;
        if (auto why = detail::parse_record(doc, line, "schemas/facts.schema.json")) {
            // Without its header a file cannot be told from facts of other data
            // files, or from no facts at all: skipping it would drop a shard,
            // and its articles would look deleted.
            if (!header_seen)
                throw InputError(std::string(origin), number,
                                 fmt::format("the header line is broken: {}", *why));
            fail(*why);
            continue;
        }
        if (doc.HasMember("rabta_facts")) {
            // The schema bounds the number; IsInt() keeps a looser schema from
            // turning into an assertion.
            const rapidjson::Value& format = doc["rabta_facts"];
            if (!format.IsInt() || format.GetInt() != kFactsFormat) {
                throw InputError(std::string(origin), number,
                                 fmt::format("facts format {} is not the one this rabta reads ({})",
                                             detail::json_snippet(format), kFactsFormat));
            }
            for (const auto& [k, v] : versions) {
                const std::string theirs = get(doc, k.c_str());
                if (theirs != v) {
                    throw InputError(
                        std::string(origin), number,
                        fmt::format("these facts were extracted with {} {}, this run uses {}: "
                                    "extract again with the same data files and rabta",
                                    k, theirs, v));
                }
            }
            header_seen = true;
            continue;
        }
        if (!header_seen) {
            throw InputError(std::string(origin), number,
                             "facts without a header line (is this the output of rabta extract?)");
        }
        const auto& ja = doc["article"];
        Article a;
        a.id = get(ja, "id");
        a.origin = get(ja, "origin");
        a.title = get(ja, "title");
        a.published = get(ja, "published");
        a.dateline = get(ja, "dateline");
        a.outlet = get(ja, "outlet");
        a.agency = get(ja, "agency");
        a.url = get(ja, "url");
        a.content_hash = std::stoull(get(ja, "content_hash"), nullptr, 16);
        a.story_hash = std::stoull(get(ja, "story_hash"), nullptr, 16);
        a.text = get(ja, "text");
        Extraction ex;
        const auto text_size = a.text.size();
        auto span = [&](std::uint32_t b, std::uint32_t e) -> std::optional<Span> {
            if (b > e || e > text_size) return std::nullopt;
            return Span{b, e};
        };
        bool ok = true;
        for (const auto& s : doc["sentences"].GetArray()) {
            auto sp = span(u32(s[0]), u32(s[1]));
            if (!sp) ok = false;
            ex.sentences.push_back(sp.value_or(Span{}));
        }
        const auto sentence_ok = [&](std::uint32_t i) { return i < ex.sentences.size(); };
        for (const auto& m : doc["mentions"].GetArray()) {
            Mention x;
            x.entity = m[0].GetString();
            const std::string_view kind = m[1].GetString();
            x.kind = kind == "demonym"   ? MentionKind::demonym
                     : kind == "anaphor" ? MentionKind::anaphor
                                         : MentionKind::name;
            x.sentence = u32(m[2]);
            auto sp = span(u32(m[3]), u32(m[4]));
            if (!sp || !sentence_ok(x.sentence)) ok = false;
            x.span = sp.value_or(Span{});
            ex.mentions.push_back(std::move(x));
        }
        for (const auto& r : doc["relations"].GetArray()) {
            Relation x;
            x.source = get(r, "source");
            x.target = get(r, "target");
            x.relation = get(r, "relation");
            x.directed = r["directed"].GetBool();
            x.mode = get(r, "mode");
            x.context = get(r, "context");
            x.rule = get(r, "rule");
            x.confidence = r["confidence"].GetDouble();
            x.sentence = u32(r["sentence"]);
            if (!sentence_ok(x.sentence)) ok = false;
            ex.relations.push_back(std::move(x));
        }
        for (const auto& r : doc["roles"].GetArray()) {
            TextRole x;
            x.person = get(r, "person");
            x.org = get(r, "org");
            x.title = get(r, "title");
            x.sentence = u32(r["sentence"]);
            if (!sentence_ok(x.sentence)) ok = false;
            ex.roles.push_back(std::move(x));
        }
        for (const auto& d : doc["discovered"].GetArray()) {
            Actor x;
            x.id = get(d, "id");
            x.type = entity_type_from(get(d, "type")).value_or(EntityType::organization);
            x.subtype = get(d, "subtype");
            x.label_ur = get(d, "label_ur");
            x.label_en = get(d, "label_en");
            x.country = get(d, "country");
            for (const auto& n : d["names"].GetArray())
                x.names.emplace_back(n.GetString(), n.GetStringLength());
            ex.discovered.push_back(std::move(x));
        }
        if (!ok) {
            fail(fmt::format("article '{}': a span or sentence index lies outside its text", a.id));
            continue;
        }
        sink(std::move(a), std::move(ex));
    }
    // A shard read in part, or not at all, stops the merge for the same reason.
    if (in.bad()) throw InputError(std::string(origin), number + 1, "read error");
    if (!header_seen)
        throw InputError(std::string(origin), 0,
                         number == 0 ? "empty: no facts and no header line (did rabta extract "
                                       "fail on this shard?)"
                                     : "no header line: not the output of rabta extract");
}

std::size_t extract_stream(const ExtractOptions& opt,
                           std::istream& in,
                           std::string_view origin,
                           std::ostream& out,
                           const ProblemSink& problems) {
    const detail::ExtractionData data =
        detail::ExtractionData::load(opt.lexicon, opt.rules, opt.boilerplate);
    const Extractor extractor(data.lexicon, data.rules, opt.limits);
    write_facts_header(out, extraction_versions(data.lexicon, data.rules, data.boilerplate()));
    std::size_t n = 0;
    detail::ExtractQueue queue(
        extractor, data.boilerplate(), opt.limits.article_bytes, opt.jobs,
        [&](Article& a, const Extraction& ex) {
            write_facts(out, a, ex);
            ++n;
        },
        problems);
    read_jsonl_records(
        in, origin, [&](Record&& r) { queue.push(std::move(r)); },
        [&](const InputError& e) { queue.push(e); });
    queue.finish();
    out.flush();
    return n;
}

}  // namespace rabta
