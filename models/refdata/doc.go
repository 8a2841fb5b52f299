// Package refdata is the portal's reference catalog:
//
//   - administrative divisions (GB/T 2260 codes via NBS 统计用区划代码 2023,
//     reference.md §4), embedded as CSV under data/ and loaded into the
//     regions table by SeedRegions / SeedVillages;
//   - the 32 provincial units of C 0103 8.1 (31 provinces plus 新疆生产建设兵团,
//     coded 660000 by project decision; no Taiwan, Hong Kong or Macau);
//   - the national departments (reference.md §10), rows of the departments
//     table written by migration 0002;
//   - the code sets of reference.md §1–2 (matter types, levels, audiences,
//     themes …) as Go data, and validators for 统一社会信用代码 (GB 32100) and
//     18-digit citizen ID numbers (GB 11643).
//
// Catalog holds regions and departments in memory, loaded once at start by
// Load; request handlers only read it and never query the database.
//
// # Region codes
//
// Canonical form: provinces, cities and counties as 6-digit GB/T 2260 codes
// (11 → 110000, 1101 → 110100, 110101), townships 9 digits, villages 12
// digits. "000000" is the nation (全国): the virtual parent of the provinces.
// Levels: 1 province, 2 city, 3 county, 4 township, 5 village.
//
// # Decisions (reference.md [decision])
//
//   - 新疆生产建设兵团 is the provincial unit 660000, with no children: its
//     divisions' cities (石河子市 659001 …) stay under 新疆维吾尔自治区 as GB/T
//     2260 codes them.
//   - The NBS data has "grouping" city rows that are not real prefectures:
//     市辖区 and 县 under the municipalities (北京 110100 市辖区, 重庆 500100
//     市辖区 and 500200 县) and 省/自治区直辖县级行政区划 (419000, 429000,
//     469000, 659000). The table keeps the NBS name; the catalog gives the
//     municipal ones a display name: the municipality's name when it has one
//     such row (110100 → 北京市), else the municipality's name + 辖区/辖县
//     (500100 → 重庆市辖区, 500200 → 重庆市辖县). Grouping rows are skipped in
//     Path and ShortName, so 110101 reads 北京市 / 东城区 and 419001 reads
//     河南省 / 济源市.
//   - Prefecture-level cities without counties (东莞 441900, 中山 442000,
//     儋州 460400) appear in the NBS county file with the city's own code;
//     that duplicate is dropped and their townships hang directly under the
//     city.
//   - National departments are coded N001 … N052 in the order of reference.md
//     §10 (see migrations/0002_reference.sql). The codes are opaque and stable:
//     a department keeps its code when it is renamed, which happens often
//     after State Council restructurings. Local departments, when added, get
//     other codes; a code never changes meaning.
//   - Time-limit units are coded 1 工作日, 2 自然日; jurisdiction scopes use the
//     facet values fixed/national/cross_province/cross_city/cross_county.
package refdata
