// `rabta eval --json`: the scores of each gold set, one member per set.
#include <rabta/eval.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "util/json_write.h"

namespace rabta {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void write_int(Writer& w, const char* k, std::int64_t v) {
    w.Key(k);
    w.Int64(v);
}

void write_score(Writer& w, const char* k, const Score& sc) {
    w.Key(k);
    w.StartObject();
    write_int(w, "tp", sc.tp);
    write_int(w, "fp", sc.fp);
    write_int(w, "fn", sc.fn);
    w.Key("precision");
    w.Double(sc.precision());
    w.Key("recall");
    w.Double(sc.recall());
    w.Key("f1");
    w.Double(sc.f1());
    w.EndObject();
}

void write_agreement(Writer& w, const char* k, const Agreement& a) {
    w.Key(k);
    w.StartObject();
    write_int(w, "compared", a.compared);
    write_int(w, "agreed", a.agreed);
    w.EndObject();
}

}  // namespace

void write_json(std::ostream& out, const std::vector<ScoredSet>& sets) {
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.StartObject();
    for (const auto& s : sets) {
        const EvalReport& r = s.report;
        w.Key(s.name.c_str());
        w.StartObject();
        write_int(w, "scored", static_cast<std::int64_t>(r.scored));
        write_score(w, "entities", r.entities);
        w.Key("entities_by_type");
        w.StartObject();
        for (const auto& [k, sc] : r.entities_by_type)
            write_score(w, k.c_str(), sc);
        w.EndObject();
        write_score(w, "ties", r.ties);
        w.Key("ties_by_relation");
        w.StartObject();
        for (const auto& [k, sc] : r.ties_by_relation)
            write_score(w, k.c_str(), sc);
        w.EndObject();
        write_agreement(w, "mode", r.mode);
        write_agreement(w, "context", r.context);
        write_agreement(w, "context_digital", r.context_digital);
        if (r.split != "test") {
            w.Key("missed");
            w.StartArray();
            for (const auto& m : r.missed)
                detail::write_string(w, m);
            w.EndArray();
            w.Key("spurious");
            w.StartArray();
            for (const auto& m : r.spurious)
                detail::write_string(w, m);
            w.EndArray();
        }
        w.EndObject();
    }
    w.EndObject();
    out << '\n';
}

}  // namespace rabta
