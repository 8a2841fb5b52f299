-- Reference data: administrative divisions and national departments
-- (models/refdata; reference.md §4 and §10).

-- Administrative divisions, GB/T 2260 codes in canonical form: provinces,
-- cities and counties 6 digits (110000, 110100, 110101), townships 9, villages
-- 12. level: 1 province, 2 city, 3 county, 4 township, 5 village. Provinces
-- have parent_code '000000' (全国). name is the NBS name as published (the
-- catalog derives display names, e.g. 110100 市辖区 → 北京市). sort orders
-- siblings. Rows are loaded by `portal seed regions` (refdata.LoadRegions).
CREATE TABLE regions (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	parent_code TEXT NOT NULL,
	level INTEGER NOT NULL,
	province_code TEXT NOT NULL,
	sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX regions_parent_idx ON regions (parent_code, sort);

-- Departments (实施主体 navigation, C 0103 6.3.3). region_code '000000' marks
-- a national department. kind: ministry 国务院组成部门, special 直属特设机构,
-- agency 直属机构, bureau 部委管理的国家局, institution 直属事业单位.
-- Codes are [decision] opaque and stable: N001–N052 in the order of
-- reference.md §10; a renamed department keeps its code.
CREATE TABLE departments (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	short_name TEXT NOT NULL,
	name_en TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL,
	kind TEXT NOT NULL,
	sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX departments_region_idx ON departments (region_code, sort);

INSERT INTO departments (code, name, short_name, name_en, region_code, kind, sort) VALUES
('N001', '外交部', '外交部', 'Ministry of Foreign Affairs', '000000', 'ministry', 1),
('N002', '国家发展和改革委员会', '国家发展改革委', 'National Development and Reform Commission', '000000', 'ministry', 2),
('N003', '教育部', '教育部', 'Ministry of Education', '000000', 'ministry', 3),
('N004', '科学技术部', '科技部', 'Ministry of Science and Technology', '000000', 'ministry', 4),
('N005', '工业和信息化部', '工业和信息化部', 'Ministry of Industry and Information Technology', '000000', 'ministry', 5),
('N006', '国家民族事务委员会', '国家民委', 'National Ethnic Affairs Commission', '000000', 'ministry', 6),
('N007', '公安部', '公安部', 'Ministry of Public Security', '000000', 'ministry', 7),
('N008', '民政部', '民政部', 'Ministry of Civil Affairs', '000000', 'ministry', 8),
('N009', '司法部', '司法部', 'Ministry of Justice', '000000', 'ministry', 9),
('N010', '财政部', '财政部', 'Ministry of Finance', '000000', 'ministry', 10),
('N011', '人力资源和社会保障部', '人力资源社会保障部', 'Ministry of Human Resources and Social Security', '000000', 'ministry', 11),
('N012', '自然资源部', '自然资源部', 'Ministry of Natural Resources', '000000', 'ministry', 12),
('N013', '生态环境部', '生态环境部', 'Ministry of Ecology and Environment', '000000', 'ministry', 13),
('N014', '住房和城乡建设部', '住房城乡建设部', 'Ministry of Housing and Urban-Rural Development', '000000', 'ministry', 14),
('N015', '交通运输部', '交通运输部', 'Ministry of Transport', '000000', 'ministry', 15),
('N016', '水利部', '水利部', 'Ministry of Water Resources', '000000', 'ministry', 16),
('N017', '农业农村部', '农业农村部', 'Ministry of Agriculture and Rural Affairs', '000000', 'ministry', 17),
('N018', '商务部', '商务部', 'Ministry of Commerce', '000000', 'ministry', 18),
('N019', '文化和旅游部', '文化和旅游部', 'Ministry of Culture and Tourism', '000000', 'ministry', 19),
('N020', '国家卫生健康委员会', '国家卫生健康委', 'National Health Commission', '000000', 'ministry', 20),
('N021', '退役军人事务部', '退役军人事务部', 'Ministry of Veterans Affairs', '000000', 'ministry', 21),
('N022', '应急管理部', '应急管理部', 'Ministry of Emergency Management', '000000', 'ministry', 22),
('N023', '中国人民银行', '人民银行', 'People''s Bank of China', '000000', 'ministry', 23),
('N024', '审计署', '审计署', 'National Audit Office', '000000', 'ministry', 24),
('N025', '国务院国有资产监督管理委员会', '国务院国资委', 'State-owned Assets Supervision and Administration Commission of the State Council', '000000', 'special', 25),
('N026', '海关总署', '海关总署', 'General Administration of Customs', '000000', 'agency', 26),
('N027', '国家税务总局', '税务总局', 'State Taxation Administration', '000000', 'agency', 27),
('N028', '国家市场监督管理总局', '市场监管总局', 'State Administration for Market Regulation', '000000', 'agency', 28),
('N029', '国家金融监督管理总局', '金融监管总局', 'National Financial Regulatory Administration', '000000', 'agency', 29),
('N030', '中国证券监督管理委员会', '中国证监会', 'China Securities Regulatory Commission', '000000', 'agency', 30),
('N031', '国家广播电视总局', '广电总局', 'National Radio and Television Administration', '000000', 'agency', 31),
('N032', '国家体育总局', '体育总局', 'General Administration of Sport of China', '000000', 'agency', 32),
('N033', '国家统计局', '国家统计局', 'National Bureau of Statistics', '000000', 'agency', 33),
('N034', '国家医疗保障局', '国家医保局', 'National Healthcare Security Administration', '000000', 'agency', 34),
('N035', '国家知识产权局', '国家知识产权局', 'China National Intellectual Property Administration', '000000', 'agency', 35),
('N036', '国家信访局', '国家信访局', 'National Public Complaints and Proposals Administration', '000000', 'agency', 36),
('N037', '国家粮食和物资储备局', '国家粮食和储备局', 'National Food and Strategic Reserves Administration', '000000', 'bureau', 37),
('N038', '国家能源局', '国家能源局', 'National Energy Administration', '000000', 'bureau', 38),
('N039', '国家烟草专卖局', '国家烟草局', 'State Tobacco Monopoly Administration', '000000', 'bureau', 39),
('N040', '国家移民管理局', '国家移民局', 'National Immigration Administration', '000000', 'bureau', 40),
('N041', '国家林业和草原局', '国家林草局', 'National Forestry and Grassland Administration', '000000', 'bureau', 41),
('N042', '国家铁路局', '国家铁路局', 'National Railway Administration', '000000', 'bureau', 42),
('N043', '中国民用航空局', '中国民航局', 'Civil Aviation Administration of China', '000000', 'bureau', 43),
('N044', '国家邮政局', '国家邮政局', 'State Post Bureau', '000000', 'bureau', 44),
('N045', '国家文物局', '国家文物局', 'National Cultural Heritage Administration', '000000', 'bureau', 45),
('N046', '国家中医药管理局', '国家中医药局', 'National Administration of Traditional Chinese Medicine', '000000', 'bureau', 46),
('N047', '国家疾病预防控制局', '国家疾控局', 'National Disease Control and Prevention Administration', '000000', 'bureau', 47),
('N048', '国家药品监督管理局', '国家药监局', 'National Medical Products Administration', '000000', 'bureau', 48),
('N049', '国家外汇管理局', '国家外汇局', 'State Administration of Foreign Exchange', '000000', 'bureau', 49),
('N050', '国家消防救援局', '国家消防救援局', 'National Fire and Rescue Administration', '000000', 'bureau', 50),
('N051', '中国气象局', '中国气象局', 'China Meteorological Administration', '000000', 'institution', 51),
('N052', '国家数据局', '国家数据局', 'National Data Administration', '000000', 'bureau', 52);
