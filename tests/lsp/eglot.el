;;; eglot.el --- Emacs's eglot against `todokc lsp'  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by tests/suites/lsp.sh (emacs -Q --batch, in a git repository that
;; holds sample.todok, so that eglot finds a project): loads eglot (from
;; Debian's elpa-eglot, or the user's packages), opens the sample in
;; `todok-mode', whose eglot entry starts `todokc lsp' ($TODOKC), then
;; prints the mode, the diagnostics flymake gets from the server,
;; whether `eglot-format-buffer' gives the text of `todokc fmt', whether
;; `eglot-shutdown' gets its answer and the server's exit status.

;;; Code:

(require 'package)
(when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'todok-mode)
(defvar todok-lsp-command)

(setq todok-lsp-command (list (getenv "TODOKC") "lsp"))
(find-file "sample.todok")
(princ (format "mode %s\n" major-mode))
(call-interactively #'eglot)
(let ((deadline (+ (float-time) 15)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.05)))
(dolist (d (flymake-diagnostics))
  (princ (format "line %d %s %s\n" (line-number-at-pos (flymake-diagnostic-beg d))
                 (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
(eglot-format-buffer)
(let ((want (with-temp-buffer
              (call-process (getenv "TODOKC") "sample.todok" t nil "fmt" "-")
              (buffer-string))))
  (princ (format "formatting %s\n" (if (equal (buffer-string) want)
                                         "matches todokc fmt"
                                       "differs"))))
;; eglot sends shutdown with params null: the server answers it, then ends
;; on exit by itself (waited for before jsonrpc.el would kill it).
(let* ((server (eglot-current-server))
       (proc (jsonrpc--process server))
       (status "not reached"))
  (advice-add 'jsonrpc-shutdown :before
              (lambda (&rest _)
                (let ((deadline (+ (float-time) 5)))
                  (while (and (< (float-time) deadline) (process-live-p proc))
                    (accept-process-output nil 0.05)))
                (setq status (if (process-live-p proc)
                                 "still running"
                               (process-exit-status proc)))))
  (princ (format "shutdown %s\n" (condition-case e
                                     (progn (eglot-shutdown server) "answered")
                                   (error (format "failed: %S" e)))))
  (princ (format "exit status %s\n" status)))
(kill-emacs 0)

;;; eglot.el ends here
