INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('330000', '浙江省', '000000', 1, '330000', 11);
INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('330100', '杭州市', '330000', 2, '330000', 1);
INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('330106', '西湖区', '330100', 3, '330000', 5);
INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('330106002', '北山街道', '330106', 4, '330000', 1);
