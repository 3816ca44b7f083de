import Hummingbird

/// The landing page's only script, served by the exporter itself (offices' networks are
/// closed: no CDN): it hides the rows whose name and code, folded as `VietnameseText.folded`
/// folds them (the rows carry them in `data-tim`), do not contain the search box's text, as one
/// types. The form works the same without it.
enum FilterScript {
    static let path = "/static/loc-don-vi.js"

    static let source = """
        // egov-exporter: lọc bảng đơn vị khi gõ. Không bắt buộc: nút "Lọc" lọc cả khi không có script.
        (function () {
          var input = document.querySelector('form.loc input[name=q]');
          var rows = document.querySelectorAll('tr[data-tim]');
          var count = document.getElementById('so-don-vi');
          if (!input || !rows.length) return;
          function fold(text) {
            return text.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')
              .replace(/\\u0111/g, 'd').replace(/\\s+/g, ' ').trim();
          }
          input.addEventListener('input', function () {
            var wanted = fold(input.value), shown = 0;
            for (var i = 0; i < rows.length; i++) {
              var match = rows[i].getAttribute('data-tim').indexOf(wanted) >= 0;
              rows[i].hidden = !match;
              if (match) shown++;
            }
            if (count) count.textContent = shown.toLocaleString('vi-VN');
          });
        })();

        """

    static let response = Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                                   body: .init(byteBuffer: ByteBuffer(string: source)))
}
