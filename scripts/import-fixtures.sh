# The input files of the import tests, shared by scripts/import-test.sh (SQLite) and
# scripts/postgres-import-test.sh (both engines): sourced, each function writes one file.

# import_fixture_one FILE: a payload of three dossiers with personal fields: HS-1 (every field,
# four date spellings), HS-2 (the agency code H56, an alias of 05587), HS-3 (30 February).
import_fixture_one() {
cat >"$1" <<'JSON'
{"service": "DongBoHoSoMC", "isUpdating": false, "data": [
 {"MaHoSo": "HS-1", "MaTTHC": "1.004227", "KenhThucHien": 2, "TrangThaiHoSo": 10, "NgayTiepNhan": "20240102080000",
  "NgayHenTra": "20240110170000", "NgayKetThucXuLy": "05/01/2024 16:00:00", "NgayTra": "2024-01-06T01:00:00Z",
  "DonViXuLy": "05587", "HoSoCoThanhPhanSoHoa": 1, "DuocThanhToanTrucTuyen": 0,
  "ChuHoSo": "Trần Văn Kín", "SoGiayToChuHoSo": "079301009999", "SoDienThoai": "0912000111",
  "Email": "kin@example.vn", "DiaChi": "Xóm Nà Mòn"},
 {"MaHoSo": "HS-2", "KenhThucHien": 1, "TrangThaiHoSo": 4, "NgayTiepNhan": "2024-01-03 09:00:00", "DonViXuLy": "H56",
  "ChuHoSo": "Lò Thị Ẩn"},
 {"MaHoSo": "HS-3", "KenhThucHien": 2, "TrangThaiHoSo": 4, "NgayTiepNhan": "30/02/2024", "DonViXuLy": "05587"}
]}
JSON
}

# import_fixture_documents FILE: a CSV export of documents in the mapping of
# config/import/documents.yml: a byte-order mark, semicolons, quoted fields, an unreadable date.
import_fixture_documents() {
printf '\xef\xbb\xbfMã văn bản;Mã đơn vị;Loại sổ;Ngày văn bản;Ký số;Hình thức gửi;Nơi nhận;Người ký\r\n' >"$1"
printf 'VB-1;05587;Văn bản đi;02/01/2024 08:30;Có;Điện tử;Cơ quan nhà nước;"Hoàng Văn ""Kín"""\r\n' >>"$1"
printf 'VB-2;05587;Văn bản đi;31/01/2024;Không;"Điện tử và bản giấy";Xóm;Hoàng Văn Kín\r\n' >>"$1"
printf 'VB-3;05587;Văn bản đi;hôm qua;Có;Bản giấy;Xóm;Hoàng Văn Kín\r\n' >>"$1"
}

# import_fixture_large FILE N: a payload of N dossiers L-0000000... of unit 05587.
import_fixture_large() {
python3 - "$1" "$2" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"service": "DongBoHoSoMC", "isUpdating": false, "data": [')
    for i in range(int(sys.argv[2])):
        f.write(('' if i == 0 else ',') + '{"MaHoSo": "L-%07d", "MaTTHC": "1.004227", "KenhThucHien": 2, "TrangThaiHoSo": 10, '
                '"NgayTiepNhan": "20240102080000", "NgayHenTra": "20240110170000", "NgayKetThucXuLy": "20240105160000", '
                '"DonViXuLy": "05587", "ChuHoSo": "Nguyen Van A", "SoDienThoai": "0912345678"}' % i)
    f.write(']}')
PY
}
