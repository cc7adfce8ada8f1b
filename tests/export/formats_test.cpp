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

namespace {

std::string graphml_of(const TieGraph& tg, const ExportOptions& o = {}) {
    std::ostringstream out;
    write_graphml(tg, out, o);
    return out.str();
}

std::string gexf_of(const TieGraph& tg, const Store& s, const ExportOptions& o = {}) {
    std::ostringstream out;
    write_gexf(tg, s, out, o);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("a file states one direction unless a mixed graph is asked for") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph all = TieGraph::from_store(s);
    std::size_t symmetric = 0;
    for (auto e : boost::make_iterator_range(boost::edges(all.graph())))
        symmetric += all.graph()[e].symmetric;
    REQUIRE(symmetric > 0);
    REQUIRE(symmetric < all.edge_count());
    // seeds: holds_role, attended and located_in beside met and cooperated
    CHECK(file_direction(all, {}) == FileDirection::directed);
    const std::string plain = graphml_of(all);
    CHECK(count(plain, "edgedefault=\"directed\"") == 1);
    CHECK(count(plain, " directed=\"") == 0);  // networkx refuses per-edge direction
    const std::string plain_gexf = gexf_of(all, s);
    CHECK(count(plain_gexf, " type=\"undirected\"") + count(plain_gexf, " type=\"directed\"") == 0);

    GraphFilter talks;
    talks.relations = {"met", "cooperated", "agreed"};
    const TieGraph sym = all.filter(talks);
    REQUIRE(sym.edge_count() > 0);
    CHECK(file_direction(sym, {}) == FileDirection::undirected);
    CHECK(count(graphml_of(sym), "edgedefault=\"undirected\"") == 1);
    CHECK(count(gexf_of(sym, s), "defaultedgetype=\"undirected\"") == 1);

    ExportOptions mixed;
    mixed.mixed = true;
    CHECK(file_direction(all, mixed) == FileDirection::mixed);
    const std::string m = graphml_of(all, mixed);
    // undirected by default, as graphology-graphml honours only directed="true"
    CHECK(count(m, "edgedefault=\"undirected\"") == 1);
    CHECK(count(m, " directed=\"false\"") == symmetric);
    CHECK(count(m, " directed=\"true\"") == all.edge_count() - symmetric);
    const std::string mg = gexf_of(all, s, mixed);
    CHECK(count(mg, "defaultedgetype=\"directed\"") == 1);
    CHECK(count(mg, " type=\"undirected\"") == symmetric);
    // Shehbaz Sharif met Alibaba's James Dong: no arrow; Shaza Fatima holds a role: an arrow
    CHECK(m.find("source=\"person:james-dong\" target=\"person:shehbaz-sharif\" "
                 "directed=\"false\"") != std::string::npos);
    CHECK(m.find("source=\"person:shaza-fatima-khawaja\" target=\"country:PK\" "
                 "directed=\"true\"") != std::string::npos);
}

TEST_CASE("CSV for Excel starts with the UTF-8 byte-order mark and keeps CRLF rows") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream nodes, edges, plain_nodes, plain_edges;
    ExportOptions excel;
    excel.excel = true;
    write_csv(tg, nodes, edges, excel);
    write_csv(tg, plain_nodes, plain_edges);
    const std::string bom = "\xEF\xBB\xBF";
    CHECK(nodes.str().starts_with(bom + "Id,Label,Type,"));
    CHECK(edges.str().starts_with(bom + "Source,Target,Type,"));
    CHECK(nodes.str() == bom + plain_nodes.str());  // nothing else changes
    CHECK(edges.str() == bom + plain_edges.str());
    CHECK(count(nodes.str(), "\r\n") == tg.vertex_count() + 1);
    CHECK(count(nodes.str(), "\n") == tg.vertex_count() + 1);  // no bare LF
    CHECK(nodes.str().find(",شزہ فاطمہ خواجہ,") != std::string::npos);
}

TEST_CASE("the HTML view draws every node and edge and carries every evidence") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream out, again;
    write_html(tg, s, out);
    write_html(tg, s, again);
    const std::string html = out.str();
    CHECK(html == again.str());  // deterministic
    CHECK(html.starts_with("<!DOCTYPE html>\n"));
    CHECK(count(html, "<g class=\"n\" data-i=") == tg.vertex_count());
    CHECK(count(html, "<path class=\"e\" data-i=") == tg.edge_count());
    // arrows on directed ties only
    std::size_t directed = 0;
    for (auto e : boost::make_iterator_range(boost::edges(tg.graph())))
        directed += !tg.graph()[e].symmetric;
    CHECK(count(html, "marker-end=") == directed);
    // self-contained: nothing is fetched, no font is embedded
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("@font-face") == std::string::npos);
    CHECK(html.find("\"Noto Nastaliq Urdu\"") != std::string::npos);
    // the data block: one JSON document, every evidence sentence of the store in it
    const std::string open = "<script type=\"application/json\" id=\"data\">";
    const auto b = html.find(open) + open.size();
    const auto e = html.find("</script>", b);
    rapidjson::Document d;
    d.Parse(html.substr(b, e - b).c_str());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(d["nodes"].Size() == tg.vertex_count());
    CHECK(d["edges"].Size() == tg.edge_count());
    std::set<std::string> sentences;
    for (const auto& edge : d["edges"].GetArray()) {
        for (const auto& ev : edge["ev"].GetArray()) {
            sentences.insert(ev["t"].GetString());
            // each evidence names an article the page can show the title of
            REQUIRE(d["articles"].HasMember(ev["a"]));
            CHECK(std::string(d["articles"][ev["a"]]["title"].GetString()).size() > 0);
        }
    }
    CHECK(sentences == expected(tg, s).sentences);
    // the Pakistan–China chart: 2024-07 (Xinhua) and 2025-07 evidences
    CHECK(html.find("data-dyad=\"CN-PK\"") != std::string::npos);
    CHECK(html.find("data-month=\"2024-07\"") != std::string::npos);
    CHECK(html.find("data-month=\"2025-07\"") != std::string::npos);
    // Urdu labels, and Latin ones for the toggle
    CHECK(html.find("<text class=\"lab-ur\"") != std::string::npos);
    CHECK(html.find(">Shaza Fatima Khawaja</text>") != std::string::npos);
}
