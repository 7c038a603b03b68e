<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings (dialog buttons, text context menus, scroll bars, Qt's own file dialog) in Indonesian: Qt ships no
     qtbase_id. Compiled with pyside6-lrelease into qtbase_id.qm beside this file (committed);
     tests/test_gui_language.py checks the two agree and that the window uses them. -->
<TS version="2.1" language="id_ID">
<context>
    <name>QPlatformTheme</name>
    <message><source>OK</source><translation>OK</translation></message>
    <message><source>Save</source><translation>Simpan</translation></message>
    <message><source>Save All</source><translation>Simpan Semua</translation></message>
    <message><source>Open</source><translation>Buka</translation></message>
    <message><source>&amp;Yes</source><translation>&amp;Ya</translation></message>
    <message><source>Yes to &amp;All</source><translation>Ya untuk &amp;Semua</translation></message>
    <message><source>&amp;No</source><translation>&amp;Tidak</translation></message>
    <message><source>N&amp;o to All</source><translation>Tidak untuk Se&amp;mua</translation></message>
    <message><source>Abort</source><translation>Batalkan</translation></message>
    <message><source>Retry</source><translation>Coba Lagi</translation></message>
    <message><source>Ignore</source><translation>Abaikan</translation></message>
    <message><source>Close</source><translation>Tutup</translation></message>
    <message><source>Cancel</source><translation>Batal</translation></message>
    <message><source>Discard</source><translation>Buang</translation></message>
    <message><source>Help</source><translation>Bantuan</translation></message>
    <message><source>Apply</source><translation>Terapkan</translation></message>
    <message><source>Reset</source><translation>Atur Ulang</translation></message>
    <message><source>Restore Defaults</source><translation>Pulihkan Bawaan</translation></message>
</context>
<context>
    <name>QMessageBox</name>
    <message><source>Show Details...</source><translation>Tampilkan Rincian...</translation></message>
    <message><source>Hide Details...</source><translation>Sembunyikan Rincian...</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>&amp;Urungkan</translation></message>
    <message><source>&amp;Redo</source><translation>U&amp;langi</translation></message>
    <message><source>Cu&amp;t</source><translation>Po&amp;tong</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Salin</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Tempel</translation></message>
    <message><source>Delete</source><translation>Hapus</translation></message>
    <message><source>Select All</source><translation>Pilih Semua</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>&amp;Urungkan</translation></message>
    <message><source>&amp;Redo</source><translation>U&amp;langi</translation></message>
    <message><source>Cu&amp;t</source><translation>Po&amp;tong</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Salin</translation></message>
    <message><source>Copy &amp;Link Location</source><translation>Salin &amp;Lokasi Tautan</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Tempel</translation></message>
    <message><source>Delete</source><translation>Hapus</translation></message>
    <message><source>Select All</source><translation>Pilih Semua</translation></message>
</context>
<context>
    <name>QScrollBar</name>
    <message><source>Scroll here</source><translation>Gulir ke sini</translation></message>
    <message><source>Left edge</source><translation>Tepi kiri</translation></message>
    <message><source>Top</source><translation>Atas</translation></message>
    <message><source>Right edge</source><translation>Tepi kanan</translation></message>
    <message><source>Bottom</source><translation>Bawah</translation></message>
    <message><source>Page left</source><translation>Halaman kiri</translation></message>
    <message><source>Page up</source><translation>Halaman naik</translation></message>
    <message><source>Page right</source><translation>Halaman kanan</translation></message>
    <message><source>Page down</source><translation>Halaman turun</translation></message>
    <message><source>Scroll left</source><translation>Gulir ke kiri</translation></message>
    <message><source>Scroll up</source><translation>Gulir ke atas</translation></message>
    <message><source>Scroll right</source><translation>Gulir ke kanan</translation></message>
    <message><source>Scroll down</source><translation>Gulir ke bawah</translation></message>
</context>
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>&amp;Cari di:</translation></message>
    <message><source>Look in:</source><translation>Cari di:</translation></message>
    <message><source>File &amp;name:</source><translation>&amp;Nama berkas:</translation></message>
    <message><source>File name:</source><translation>Nama berkas:</translation></message>
    <message><source>Files of &amp;type:</source><translation>&amp;Jenis berkas:</translation></message>
    <message><source>Files of type:</source><translation>Jenis berkas:</translation></message>
    <message><source>&amp;Save</source><translation>&amp;Simpan</translation></message>
    <message><source>&amp;Open</source><translation>&amp;Buka</translation></message>
    <message><source>&amp;Choose</source><translation>&amp;Pilih</translation></message>
    <message><source>Save As</source><translation>Simpan Sebagai</translation></message>
    <message><source>Open</source><translation>Buka</translation></message>
    <message><source>Find Directory</source><translation>Cari Folder</translation></message>
    <message><source>Directory:</source><translation>Folder:</translation></message>
    <message><source>Directories</source><translation>Folder</translation></message>
    <message><source>Back</source><translation>Kembali</translation></message>
    <message><source>Forward</source><translation>Maju</translation></message>
    <message><source>Parent Directory</source><translation>Folder Induk</translation></message>
    <message><source>Create New Folder</source><translation>Buat Folder Baru</translation></message>
    <message><source>List View</source><translation>Tampilan Daftar</translation></message>
    <message><source>Detail View</source><translation>Tampilan Rinci</translation></message>
    <message><source>Sidebar</source><translation>Bilah Samping</translation></message>
    <message><source>Files</source><translation>Berkas</translation></message>
    <message><source>Go back</source><translation>Kembali</translation></message>
    <message><source>Go forward</source><translation>Maju</translation></message>
    <message><source>Go to the parent directory</source><translation>Ke folder induk</translation></message>
    <message><source>Create a New Folder</source><translation>Buat folder baru</translation></message>
    <message><source>Change to list view mode</source><translation>Ganti ke tampilan daftar</translation></message>
    <message><source>Change to detail view mode</source><translation>Ganti ke tampilan rinci</translation></message>
    <message><source>List of places and bookmarks</source><translation>Daftar tempat dan markah</translation></message>
    <message><source>&amp;Rename</source><translation>&amp;Ganti Nama</translation></message>
    <message><source>&amp;Delete</source><translation>&amp;Hapus</translation></message>
    <message><source>Show &amp;hidden files</source><translation>Tampilkan berkas &amp;tersembunyi</translation></message>
    <message><source>&amp;New Folder</source><translation>Folder &amp;Baru</translation></message>
    <message><source>New Folder</source><translation>Folder Baru</translation></message>
    <message><source>Recent Places</source><translation>Tempat Terakhir</translation></message>
    <message><source>All Files (*)</source><translation>Semua Berkas (*)</translation></message>
    <message><source>All Files (*.*)</source><translation>Semua Berkas (*.*)</translation></message>
    <message><source>My Computer</source><translation>Komputer Saya</translation></message>
    <message><source>Show </source><translation>Tampilkan </translation></message>
    <message><source>%1 already exists.
Do you want to replace it?</source><translation>%1 sudah ada.
Ganti berkas itu?</translation></message>
    <message><source>%1
File not found.
Please verify the correct file name was given.</source><translation>%1
Berkas tidak ditemukan.
Periksa bahwa nama berkasnya benar.</translation></message>
    <message><source>%1
Directory not found.
Please verify the correct directory name was given.</source><translation>%1
Folder tidak ditemukan.
Periksa bahwa nama foldernya benar.</translation></message>
    <message><source>'%1' is write protected.
Do you want to delete it anyway?</source><translation>'%1' dilindungi dari penulisan.
Tetap hapus?</translation></message>
    <message><source>Are you sure you want to delete '%1'?</source><translation>Yakin ingin menghapus '%1'?</translation></message>
    <message><source>Could not delete directory.</source><translation>Folder tidak dapat dihapus.</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Name</source><translation>Nama</translation></message>
    <message><source>Size</source><translation>Ukuran</translation></message>
    <message><source>Type</source><translation>Jenis</translation></message>
    <message><source>Kind</source><translation>Jenis</translation></message>
    <message><source>Date Modified</source><translation>Tanggal Diubah</translation></message>
    <message><source>My Computer</source><translation>Komputer Saya</translation></message>
    <message><source>Computer</source><translation>Komputer</translation></message>
    <message><source>Drive</source><translation>Drive</translation></message>
    <message><source>File Folder</source><translation>Folder Berkas</translation></message>
    <message><source>Folder</source><translation>Folder</translation></message>
    <message><source>Directory</source><translation>Folder</translation></message>
    <message><source>Unknown</source><translation>Tidak diketahui</translation></message>
    <message><source>%1 bytes</source><translation>%1 bita</translation></message>
    <message><source>%1 byte(s)</source><translation>%1 bita</translation></message>
    <message><source>Invalid filename</source><translation>Nama berkas tidak sah</translation></message>
</context>
</TS>
