;;; todok-mode-test.el --- ERT tests for todok-mode  -*- lexical-binding: t; -*-

;;; Commentary:

;; Faces at chosen places of ../sample.todok, comment syntax, auto-mode-alist
;; and indentation.  ../run.sh runs it with `ert-run-tests-batch-and-exit'.

;;; Code:

(require 'ert)
(require 'todok-mode)

(defconst todok-test-sample
  (expand-file-name "../sample.todok"
                    (file-name-directory (or load-file-name buffer-file-name)))
  "The sample covering every kind of token.")

(defmacro todok-test-with-sample (&rest body)
  "Run BODY in a `todok-mode' buffer holding the fontified sample."
  (declare (indent 0))
  `(with-temp-buffer
     (insert-file-contents todok-test-sample)
     (todok-mode)
     (font-lock-ensure)
     ,@body))

(defun todok-test-face-at (needle)
  "Face at the `|' of NEEDLE (or at its start) in the current buffer.
NEEDLE without its `|' must occur in the buffer."
  (let* ((bar (or (string-match "|" needle) 0))
         (text (replace-regexp-in-string "|" "" needle)))
    (goto-char (point-min))
    (unless (search-forward text nil t)
      (error "Not in the sample: %S" text))
    (get-text-property (+ (match-beginning 0) bar) 'face)))

(defconst todok-test-faces
  '(;; comments, strings, escapes, interpolations, naming placeholders
    ("# sample.todok" font-lock-comment-delimiter-face font-lock-comment-face)
    ("# TODO: |override" font-lock-comment-face)
    ("workload |\"{stack}" font-lock-string-face)
    ("workload \"|{stack}" todok-interpolation-face)
    ("\"|tls.key\"" font-lock-string-face)
    ("price |\\$5" todok-escape-face)
    ("\\$|5" font-lock-string-face)
    ("5|\\tsaved" todok-escape-face)
    ("saved |\\\"50%" todok-escape-face)
    ("\\\"|50%" font-lock-string-face)
    ("\"|\\\\ \\u" todok-escape-face)
    ("|\\u{1F600}" todok-escape-face)
    ("\\u{1F|600}" todok-escape-face)
    ("|\\r\\n" todok-escape-face)
    ("\\r|\\n" todok-escape-face)
    ("postgres:|${app-secrets" todok-interpolation-face)
    ("${|app-secrets.POSTGRES" todok-reference-face)
    ("${app-secrets.|POSTGRES" todok-reference-face)
    ("PASSWORD|}@" todok-interpolation-face)
    ("}|@${" font-lock-string-face)
    ("${db.|port}" todok-reference-face)
    ("shop-api:${|tag}" todok-reference-face)
    ;; keywords, one of each role
    ("|stack shop" todok-declaration-face)
    ("|namespace shop" todok-declaration-face)
    ("|param tag" todok-declaration-face)
    ("    |service \"{component}\"" todok-declaration-face)
    ("|image \"postgres" todok-property-face)
    ("|env {" todok-property-face)
    ("replicas 2..5 |cpu" todok-resource-face)
    ("|memory 16Gi" todok-resource-face)
    ("|exec [" todok-probe-face)
    ("|header \"X-Probe\"" todok-probe-face)
    ("expose |loadbalancer as" todok-expose-face)
    ("loadbalancer |as" todok-expose-face)
    ("data |at \"/var" todok-volume-face)
    ("|temp size" todok-volume-face)
    ("from |config app-config" todok-declaration-face)
    ("53 |udp" todok-modifier-face)
    ("|workload \"" todok-modifier-face)
    ;; names are plain, also when a keyword is part of them
    ("stack |shop" nil)
    ("app-|secrets {" nil)
    ("config app-|config {" nil)
    ("env from |app-config" nil)
    ;; functions, keys (also a keyword as a key), references, operators
    ("= |env(\"POSTGRES" todok-function-face)
    ("= |file(\"certs" todok-function-face)
    ("|POSTGRES_PASSWORD = env" todok-key-face)
    ("|image = tag" todok-key-face)
    ("|nginx.conf =" todok-key-face)
    ("{ |tier =" todok-key-face)
    ("|api.url" todok-reference-face)
    ("api.|url" todok-reference-face)
    ("SELF_PORT = api.|port" todok-reference-face)
    ("= |app-secrets.POSTGRES_PASSWORD\n" todok-reference-face)
    ("tag |= \"1" todok-operator-face)
    ("2|..5" todok-operator-face)
    ("80 |-> 8080" todok-operator-face)
    ;; integers, quantities, durations, percentages
    ("cpu |8" todok-number-face)
    ("|16Gi" todok-number-face)
    ("|100k" todok-number-face)
    ("RATIO = |0.5" todok-number-face)
    ("|150m" todok-number-face)
    ("|256Mi" todok-number-face)
    ("memory |2G" todok-number-face)
    ("replicas |2..5" todok-number-face)
    ("2..|5" todok-number-face)
    ("|70%" todok-number-face)
    ("70|%" todok-number-face)
    ("delay |10s" todok-number-face)
    ("nodeport |30080" todok-number-face)
    ;; jobs, crons, sidecars; a hyphenated keyword is one word, and a name
    ;; that only starts like one (read-only-x) is plain
    ("|job migrate" todok-declaration-face)
    ("|cron nightly" todok-declaration-face)
    ("|concurrency forbid" todok-property-face)
    ("concurrency |forbid" todok-modifier-face)
    ("pull |if-not-present" todok-modifier-face)
    ("pull if-not-|present" todok-modifier-face)
    ("|ephemeral-storage 1Gi" todok-resource-face)
    ("ephemeral-|storage 1Gi" todok-resource-face)
    ("NODE = |field(\"spec" todok-function-face)
    ("|sidecar proxy" todok-property-face)
    ("|container-port admin" todok-property-face)
    ("container-|port admin" todok-property-face)
    ("mount |read-only-x" nil)
    ("mount read-|only-x" nil)
    ("mount read-only|-x" nil)
    ("\"/cache\" |read-only" todok-modifier-face)
    ("\"/cache\" read-|only" todok-modifier-face))
  "NEEDLE (see `todok-test-face-at') and the faces allowed there.")

(ert-deftest todok-test-faces ()
  "Each token kind of the sample has its face."
  (todok-test-with-sample
    (dolist (case todok-test-faces)
      ;; On failure ERT shows the needle and the face found there.
      (let ((face (todok-test-face-at (car case))))
        (should (equal (cons (car case) (if (memq face (cdr case)) 'ok face))
                       (cons (car case) 'ok)))))))

(ert-deftest todok-test-auto-mode ()
  "A .todok file opens in `todok-mode'."
  (should (eq (assoc-default "/x/app.todok" auto-mode-alist #'string-match)
              'todok-mode)))

(ert-deftest todok-test-comments ()
  "`#' starts a comment and `comment-region' uses it."
  (with-temp-buffer
    (todok-mode)
    (insert "image \"a#b\" # note\nport 80")
    (should (nth 4 (syntax-ppss (- (point-max) 9))))
    (should-not (nth 4 (syntax-ppss 10)))
    (goto-char (point-max))
    (comment-region (line-beginning-position) (line-end-position))
    (should (equal (buffer-substring (line-beginning-position) (line-end-position))
                   "# port 80"))))

(ert-deftest todok-test-indentation ()
  "Reindenting the sample without its indentation gives it back."
  (todok-test-with-sample
    (let ((want (buffer-string)))
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]+" nil t)
        (replace-match ""))
      (indent-region (point-min) (point-max))
      (should (equal (buffer-string) want)))
    (should (= todok-indent-offset 2))))

(defconst todok-test-eglot-early (featurep 'eglot)
  "Whether loading `todok-mode' loaded eglot (it must not).")
(defvar eglot-server-programs)
(defvar todok-lsp-command)

(ert-deftest todok-test-eglot ()
  "Once eglot is loaded, `todokc lsp' is its server for `todok-mode'."
  (should-not todok-test-eglot-early)
  (require 'package)
  (when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa"))
  (package-initialize)
  (skip-unless (require 'eglot nil t))
  (let ((contact (cdr (assq 'todok-mode eglot-server-programs))))
    (should (functionp contact))
    (should (equal (funcall contact t) '("todokc" "lsp")))
    (let ((todok-lsp-command '("/opt/bin/todokc" "lsp")))
      (should (equal (funcall contact nil) '("/opt/bin/todokc" "lsp"))))))

(provide 'todok-mode-test)
;;; todok-mode-test.el ends here
