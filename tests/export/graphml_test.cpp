#include <rabta/export.h>
#include <rabta/graph.h>

#include <boost/graph/graphml.hpp>
#include <map>
#include <sstream>

#include "export/xml_writer.h"
#include "seed_store.h"

using namespace rabta;

namespace {
struct V {
    std::string label, label_en, type;
};
struct E {
    std::string relation, evidence;
    double weight = 0;
};
using Read = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, V, E>;

std::string export_seeds() {
    const Store s = Store::open(rabta::test::seed_store());
    std::ostringstream out;
    write_graphml(TieGraph::from_store(s), out);
    return out.str();
}
}  // namespace

TEST_CASE("GraphML round-trips through Boost's read_graphml with Urdu intact") {
    const Store s = Store::open(rabta::test::seed_store());
    const TieGraph tg = TieGraph::from_store(s);
    std::ostringstream out;
    write_graphml(tg, out);

    Read g;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("label", boost::get(&V::label, g));
    dp.property("label_en", boost::get(&V::label_en, g));
    dp.property("type", boost::get(&V::type, g));
    dp.property("relation", boost::get(&E::relation, g));
    dp.property("evidence", boost::get(&E::evidence, g));
    dp.property("weight", boost::get(&E::weight, g));
    std::istringstream in(out.str());
    boost::read_graphml(in, g, dp);

    REQUIRE(boost::num_vertices(g) == tg.vertex_count());
    REQUIRE(boost::num_edges(g) == tg.edge_count());
    std::map<std::string, std::string> en_to_ur;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
        en_to_ur[g[v].label_en] = g[v].label;
    CHECK(en_to_ur.at("Shaza Fatima Khawaja") == "شزہ فاطمہ خواجہ");
    CHECK(en_to_ur.at("Kazakhstan") == "قزاخستان");  // CLDR's label; the text wrote قازقستان
    CHECK(en_to_ur.at("Suh Sangpyo") == "سو سنگپیو");

    // every edge keeps its relation, weight and evidence, byte for byte
    auto orig = boost::edges(tg.graph()).first;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = tg.graph()[*orig++];
        CHECK(g[e].relation == t.relation);
        CHECK(g[e].weight == doctest::Approx(t.weight));
        CHECK(g[e].evidence == t.evidence);
        CHECK_FALSE(g[e].evidence.empty());
    }
}

TEST_CASE("GraphML follows what Gephi's importer expects") {
    const std::string x = export_seeds();
    CHECK(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"));
    CHECK(x.find("<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>") !=
          std::string::npos);
    CHECK(x.find("<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>") !=
          std::string::npos);
    CHECK(x.find("edgedefault=\"directed\"") != std::string::npos);
    // each tie names the outlets behind it (seed 003 and its second story: Daily Mumtaz)
    CHECK(x.find("<key id=\"outlets\" for=\"edge\" attr.name=\"outlets\" attr.type=\"string\"/>") !=
          std::string::npos);
    CHECK(x.find("<data key=\"outlets\">Daily Mumtaz; شِنہوا</data>") != std::string::npos);
    CHECK(x.find("for=\"all\"") == std::string::npos);
    CHECK(x.find("<default>") == std::string::npos);
    CHECK(x.find("id=\"d3\"") == std::string::npos);
    CHECK(x == export_seeds());  // deterministic
}

TEST_CASE("the XML writer escapes markup and drops characters XML forbids") {
    CHECK(detail::xml_escape("a<b & \"c\" > d") == "a&lt;b &amp; &quot;c&quot; &gt; d");
    CHECK(detail::xml_escape(std::string("x\x01y\x1Fz\tw\n", 8)) == "xyz\tw\n");
    CHECK(detail::xml_escape("\u200Fعلی پے\u200E") ==
          "\u200Fعلی پے\u200E");                      // bidi marks are legal XML
    CHECK(detail::xml_escape("\xEF\xBF\xBF") == "");  // U+FFFF
}
