// Every format, read back by an independent parser: the Urdu and Latin labels and
// the evidence sentences of the seed graph must come out byte for byte.
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/export.h>
#include <rabta/graph.h>
#include <rapidjson/document.h>

#include <boost/property_tree/xml_parser.hpp>
#include <set>
#include <sstream>

#include "seed_store.h"
#include "support.h"
#include "util/json.h"

using namespace rabta;

namespace {

struct Expected {
    std::set<std::string> labels_ur, labels_en, sentences;
};

Expected expected(const TieGraph& tg, const Store& store) {
    Expected x;
    const auto& g = tg.graph();
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        x.labels_ur.insert(g[v].label_ur);
        x.labels_en.insert(g[v].label_en);
    }
    for (EvidenceCursor c = store.evidences(tg.scope()); c.get(); c.next())
        x.sentences.insert(c.get()->sentence);
    return x;
}

// RFC 4180 fields of a CSV text.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("JSON export validates against schemas/graph.schema.json and keeps the text") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream out;
    write_json(tg, s, out);
    rapidjson::Document d;
    d.Parse(out.str().c_str());
    REQUIRE_FALSE(d.HasParseError());
    std::string pointer;
    auto why = detail::schema_violation(d, "schemas/graph.schema.json", &pointer);
    CHECK_MESSAGE(!why, pointer << ": " << why.value_or(""));
    Expected x = expected(tg, s);
    std::set<std::string> ur, en, sentences;
    for (const auto& n : d["nodes"].GetArray()) {
        ur.insert(n["label_ur"].GetString());
        en.insert(n["label_en"].GetString());
    }
    for (const auto& e : d["edges"].GetArray()) {
        for (const auto& ev : e["evidences"].GetArray())
            sentences.insert(ev["sentence"].GetString());
    }
    CHECK(ur == x.labels_ur);
    CHECK(en == x.labels_en);
    CHECK(sentences == x.sentences);
    CHECK(d["articles"].Size() == 6);
    // a mention's span quotes the article: the Korean ambassador in seed 004
    bool found = false;
    for (const auto& m : d["mentions"]["004_449d9a5e21841ebb"].GetArray()) {
        if (std::string(m["entity"].GetString()) == "person:suh-sangpyo") {
            found = found || std::string(m["surface"].GetString()) == "سوو سنگپیو";
        }
    }
    CHECK(found);
}

TEST_CASE("GEXF keeps labels and sentences, and relations apart by kind") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream out;
    write_gexf(tg, s, out, {});
    const std::string text = out.str();
    CHECK(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""));
    boost::property_tree::ptree pt;
    std::istringstream in(text);
    boost::property_tree::read_xml(in, pt);
    const auto& graph = pt.get_child("gexf.graph");
    CHECK(graph.get<std::string>("<xmlattr>.mode") == "dynamic");
    CHECK(graph.get<std::string>("<xmlattr>.timeformat") == "date");
    Expected x = expected(tg, s);
    std::set<std::string> ur, en, sentences, kinds;
    for (const auto& [name, node] : graph.get_child("nodes")) {
        ur.insert(node.get<std::string>("<xmlattr>.label"));
        for (const auto& [n2, av] : node.get_child("attvalues")) {
            if (av.get<std::string>("<xmlattr>.for") == "label_en")
                en.insert(av.get<std::string>("<xmlattr>.value"));
        }
    }
    for (const auto& [name, edge] : graph.get_child("edges")) {
        kinds.insert(edge.get<std::string>("<xmlattr>.kind"));
        for (const auto& [n2, av] : edge.get_child("attvalues")) {
            if (av.get<std::string>("<xmlattr>.for") == "evidence") {
                sentences.insert(av.get<std::string>("<xmlattr>.value"));
            }
        }
    }
    CHECK(ur == x.labels_ur);
    CHECK(en == x.labels_en);
    for (const auto& sentence : sentences)
        CHECK(x.sentences.count(sentence) == 1);
    CHECK(kinds == std::set<std::string>{"agreed", "attended", "cooperated", "holds_role",
                                         "located_in", "met", "signed"});
    // --label latin puts the Latin label into the label field
    std::ostringstream latin;
    write_gexf(tg, s, latin, {ExportOptions::Label::latin});
    CHECK(latin.str().find("label=\"Shaza Fatima Khawaja\"") != std::string::npos);
}

TEST_CASE("CSV keeps labels and sentences, quoted as RFC 4180") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream nodes, edges;
    write_csv(tg, nodes, edges);
    auto n = parse_csv(nodes.str());
    auto e = parse_csv(edges.str());
    REQUIRE(n.size() == tg.vertex_count() + 1);
    REQUIRE(e.size() == tg.edge_count() + 1);
    CHECK(n[0][0] == "Id");
    CHECK(e[0][0] == "Source");
    Expected x = expected(tg, s);
    std::set<std::string> ur, en;
    for (std::size_t i = 1; i < n.size(); ++i) {
        REQUIRE(n[i].size() == n[0].size());
        ur.insert(n[i][3]);
        en.insert(n[i][4]);
    }
    CHECK(ur == x.labels_ur);
    CHECK(en == x.labels_en);
    for (std::size_t i = 1; i < e.size(); ++i) {
        REQUIRE(e[i].size() == e[0].size());
        CHECK(x.sentences.count(e[i][11]) == 1);  // evidence, with its commas «،» and quotes intact
    }
}

TEST_CASE("filters on the seed graph") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph all = TieGraph::from_store(s);
    auto edges_of = [](const TieGraph& tg) {
        std::set<std::string> out;
        const auto& g = tg.graph();
        for (auto e : boost::make_iterator_range(boost::edges(g))) {
            out.insert(g[boost::source(e, g)].id + " " + g[e].relation + " " +
                       g[boost::target(e, g)].id);
        }
        return out;
    };
    GraphFilter met;
    met.relations = {"met"};
    CHECK(edges_of(all.filter(met)) ==
          std::set<std::string>{"org:alibaba-group met person:shehbaz-sharif",
                                "person:attaullah-tarar met person:cao-shumin",
                                "person:james-dong met person:shehbaz-sharif",
                                "person:suh-sangpyo met person:syed-aminul-haque"});
    GraphFilter persons;
    persons.types = {"person"};
    // met three times, and Tarar–Cao cooperated («ملاقات اور تعاون پر بات»)
    CHECK(all.filter(persons).edge_count() == 4);
    // 2025 only: the 2024 Xinhua story and the undated 004 drop out; Pakistan–China keeps one
    // evidence
    GraphFilter y2025;
    y2025.from = "2025-01-01";
    const TieGraph g25 = TieGraph::from_store(s, y2025);
    CHECK(edges_of(g25).count("org:nxp signed forum:global-digital-economy-conference-2024") == 0);
    CHECK(edges_of(g25).count("person:suh-sangpyo met person:syed-aminul-haque") == 0);
    auto [pc, ok] = boost::edge(*g25.find("country:CN"), *g25.find("country:PK"), g25.graph());
    REQUIRE(ok);
    CHECK(g25.graph()[pc].weight == doctest::Approx(1.0));
    CHECK(g25.graph()[pc].first_date == "2025-07-11");
    GraphFilter heavy;
    heavy.min_weight = 2;
    // Suh–Aminul met and Pakistan–China cooperated twice; five roles are stated twice
    CHECK(all.filter(heavy).edge_count() == 7);
    GraphFilter dyad;
    dyad.dyad = {"PK", "KR"};
    // the meeting, and «دونوں ممالک کے مابین تعاون» read as Korea and Pakistan
    CHECK(edges_of(all.filter(dyad)) ==
          std::set<std::string>{"country:KR cooperated country:PK",
                                "person:suh-sangpyo met person:syed-aminul-haque"});
    GraphFilter ego;
    ego.ego = "person:james-dong";
    ego.hops = 1;
    CHECK(all.filter(ego).vertex_count() == 3);  // the Prime Minister and Alibaba, his employer
    ego.hops = 2;
    CHECK(all.filter(ego).vertex_count() == 4);  // and Pakistan, through the Prime Minister
}

TEST_CASE("CSV cells that a spreadsheet would run as formulas stay text") {
    rabta::test::TempDir dir;
    // an article id and an outlet made to be formulas reach edges.csv
    // (evidence_article, outlets)
    rabta::test::write_file(dir.path() / "in.jsonl",
                            rabta::test::jsonl_record("=cmd|' /C calc'!A0", "عنوان",
                                                      rabta::test::seed("000_e3da61d015d2337c"),
                                                      R"x(, "source": "@SUM(1+1)")x") +
                                rabta::test::jsonl_record("\\u0001-2+3", "عنوان",
                                                          rabta::test::seed("001_1372cbb2c968a4af"),
                                                          R"(, "source": "\t+1")"));
    BuildOptions o;
    o.db = dir / "g.db";
    o.paths = {dir / "in.jsonl"};
    build(o, [](const InputError&) {});
    const Store s = Store::open(o.db);
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream nodes, edges;
    write_csv(tg, nodes, edges);
    const auto e = parse_csv(edges.str());
    REQUIRE(e.size() > 2);
    std::set<std::string> articles, outlets;
    for (std::size_t i = 1; i < e.size(); ++i) {
        outlets.insert(e[i][10]);
        articles.insert(e[i][12]);
    }
    CHECK(articles.count("'=cmd|' /C calc'!A0") == 1);
    CHECK(articles.count("'-2+3") == 1);  // the control character removed, then checked
    CHECK(outlets.count("'@SUM(1+1)") == 1);
    CHECK(outlets.count("'+1") == 1);
    for (const auto& row : e)
        for (const auto& cell : row)
            CHECK_MESSAGE(
                std::string("=+-@\t\r").find(cell.empty() ? 'x' : cell[0]) == std::string::npos,
                cell);
}
