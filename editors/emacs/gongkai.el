;;; gongkai.el --- gongkai (政府信息公开工作年度报告) with Eglot  -*- lexical-binding: t; -*-

;; Paste into your init file, or `(load "/path/to/gongkai/editors/emacs/gongkai.el")'.
;; Needs Emacs 29+ (Eglot built in; on Emacs 28 install `eglot' from ELPA)
;; and `gongkai' on PATH.  See editors/emacs/README.md.

;;; Code:

(require 'eglot)

(define-derived-mode gongkai-report-mode text-mode "公开年报"
  "Major mode for 政府信息公开工作年度报告, checked by the gongkai language server."
  (setq-local comment-start "<!-- ")
  (setq-local comment-end " -->")
  (setq-local indent-tabs-mode t)
  (visual-line-mode 1))

;; Files named *年度报告*.md / *.txt open in `gongkai-report-mode'.
(add-to-list 'auto-mode-alist '("年度报告[^/]*\\.\\(md\\|txt\\)\\'" . gongkai-report-mode))

;; The server; `lsp' serves on stdin/stdout.  To check Markdown that reads as a
;; report too, use '((gongkai-report-mode markdown-mode) . ("gongkai" "lsp")).
(add-to-list 'eglot-server-programs '(gongkai-report-mode . ("gongkai" "lsp")))

;; What the server reads under its `gongkai' section.  Per project, put the
;; same plist in .dir-locals.el: ((nil . ((eglot-workspace-configuration . (:gongkai (...)))))).
(setq-default eglot-workspace-configuration
              '(:gongkai (:reportFormat "auto" :select [] :ignore [])))
;; e.g. (:gongkai (:reportFormat "2021" :ignore ["GK301"] :severity (:GK203 "warning")))

(add-hook 'gongkai-report-mode-hook #'eglot-ensure)

(provide 'gongkai)
;;; gongkai.el ends here
