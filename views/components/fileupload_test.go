package components

import "testing"

func TestFileUploadAcceptHintError(t *testing.T) {
	doc := renderComponent(t, FileUpload(FileUploadProps{
		Field: Field{Name: "idcard", Error: "文件不能超过 10 MB，请重新选择文件"},
		Label: "身份证照片", Hint: "JPG、PNG 或 PDF，不超过 10 MB", Accept: ".jpg,.jpeg,.png,.pdf",
	}))
	assertLabelled(t, doc, "idcard", "身份证照片")
	in := doc.Find("input#idcard")
	assertDescribedBy(t, doc, in, "idcard-hint", "idcard-error")
	if attr(t, in, "type") != "file" || attr(t, in, "accept") != ".jpg,.jpeg,.png,.pdf" || attr(t, in, "aria-invalid") != "true" {
		t.Fatal("type, accept or aria-invalid wrong")
	}
	if _, ok := in.Attr("multiple"); ok {
		t.Fatal("multiple not asked for")
	}
}
