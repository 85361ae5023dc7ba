;;; todok-mode.el --- Major mode for .todok stack descriptions  -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "25.1"))
;; Keywords: languages

;;; Commentary:

;; A major mode for the `.todok' language that `todokc' compiles into
;; Kubernetes manifests: font-lock by keyword role (the roles of
;; include/keywords.def), `#' comments, strings with escapes and ${REF}
;; interpolations, references, keys, numbers, and indentation by brace depth;
;; with eglot, the todokc language server (`todokc lsp') for the buffer.
;; tests/editors/keywords-test.sh fails when a keyword of keywords.def is
;; missing from the lists below.

;;; Code:

(defgroup todok nil
  "Editing .todok stack descriptions."
  :group 'languages
  :prefix "todok-")

(defcustom todok-indent-offset 2
  "Number of columns for each level of braces or brackets."
  :type 'integer
  :safe #'integerp)

;;;; Faces, one for each keyword role and token kind.

(defface todok-declaration-face '((t :inherit font-lock-keyword-face))
  "Face for declarations: stack, service, config, ...")
(defface todok-property-face '((t :inherit font-lock-keyword-face))
  "Face for properties: image, port, replicas, ...")
(defface todok-resource-face '((t :inherit font-lock-type-face))
  "Face for resources: cpu, memory, ephemeral-storage.")
(defface todok-probe-face '((t :inherit font-lock-keyword-face))
  "Face for probe words: http, tcp, delay, ...")
(defface todok-expose-face '((t :inherit font-lock-type-face))
  "Face for expose words: clusterip, nodeport, as, ...")
(defface todok-volume-face '((t :inherit font-lock-keyword-face))
  "Face for volume words: at, size, temp, ...")
(defface todok-modifier-face '((t :inherit font-lock-type-face))
  "Face for modifiers: udp, path, tls, read-only, ...")
(defface todok-function-face '((t :inherit font-lock-builtin-face))
  "Face for the functions env(...), file(...) and field(...).")
(defface todok-key-face '((t :inherit font-lock-variable-name-face))
  "Face for a key before `='.")
(defface todok-reference-face '((t :inherit font-lock-constant-face))
  "Face for references such as postgres.host.")
(defface todok-number-face '((t :inherit font-lock-constant-face))
  "Face for integers, quantities, durations and percentages.")
(defface todok-operator-face '((t :inherit font-lock-builtin-face))
  "Face for the operators `=', `..' and `->'.")
(defface todok-escape-face '((t :inherit font-lock-regexp-grouping-backslash))
  "Face for escapes in strings.")
(defface todok-interpolation-face '((t :inherit font-lock-preprocessor-face))
  "Face for ${ and } of an interpolation and naming's {stack}.")

;;;; Keywords, by the roles of include/keywords.def.

(defconst todok-keywords
  '((todok-declaration-face
     "cluster" "config" "cron" "job" "namespace" "naming" "network" "param"
     "profile" "secret" "service" "stack" "stateful")
    (todok-property-face "account" "after" "allow" "annotations" "api" "args"
     "budget" "command" "concurrency" "container" "container-port"
     "deadline" "env" "expose" "grace" "image" "init" "keep" "labels"
     "limits" "liveness" "mount" "nodes" "port" "pull" "pull-secret" "quiet"
     "readiness" "replicas" "requests" "retries" "route" "security"
     "selector" "sidecar" "start" "startup" "strategy" "timezone" "variant"
     "volume")
    (todok-resource-face "cpu" "ephemeral-storage" "memory")
    (todok-probe-face "delay" "every" "exec" "failures" "grpc" "header"
     "http" "on" "tcp" "timeout")
    (todok-expose-face "as" "clusterip" "loadbalancer" "nodeport" "none")
    (todok-volume-face "at" "class" "from" "items" "mode" "size" "subpath"
     "temp")
    (todok-modifier-face "add" "always" "baseline" "drop" "external"
     "forbid" "fs-group" "gateway" "group" "if-not-present" "isolated"
     "max-unavailable" "min-available" "never" "no-escalation" "non-root"
     "optional" "ordered" "parallel" "path" "pod" "privileged" "public"
     "read-only" "recreate" "replace" "restricted" "rolling" "surge" "tls"
     "udp" "unavailable" "user" "workload"))
  "Keyword spellings, each list headed by the face of its role.
The functions `file' and `field' (role function) are highlighted only
before `(', like `env(...)'.")

(defconst todok--escape-re
  "\\\\\\(?:[\"\\\\ntr$]\\|u{[0-9A-Fa-f]+}\\)"
  "An escape in a string.")

(defconst todok--reference-re
  "\\_<[a-z][-a-z0-9]*\\.[A-Za-z_][-A-Za-z0-9_]*\\(?:\\.[-A-Za-z0-9_]+\\)*"
  "A reference NAME.MEMBER.")

(defun todok--match-in-string (regexp limit)
  "Search REGEXP up to LIMIT, keeping only a match inside a string.
A match right after an escaping backslash (as in \\${) is skipped."
  (let (found)
    (while (and (not found) (re-search-forward regexp limit t))
      (let ((start (match-beginning 0)))
        (when (and (nth 3 (save-excursion (syntax-ppss start)))
                   (save-excursion
                     (goto-char start)
                     (= 0 (% (skip-chars-backward "\\\\") 2))))
          (setq found t))))
    found))

(defun todok--match-escape (limit)
  "Find the next escape in a string before LIMIT."
  (todok--match-in-string todok--escape-re limit))

(defun todok--match-interpolation (limit)
  "Find the next ${REF} (group 1 the reference) in a string before LIMIT."
  (todok--match-in-string "\\${\\([^}\"\n]*\\)}" limit))

(defun todok--match-placeholder (limit)
  "Find the next {stack} or {component} in a string before LIMIT."
  (todok--match-in-string "{\\(?:stack\\|component\\)}" limit))

(defconst todok-font-lock-keywords
  (append
   ;; Inside strings (already in `font-lock-string-face'), so overriding.
   '((todok--match-escape 0 'todok-escape-face t)
     (todok--match-interpolation (0 'todok-interpolation-face t)
                                 (1 'todok-reference-face t))
     (todok--match-placeholder 0 'todok-interpolation-face t))
   ;; Outside strings: earlier rules win over the keywords after them, so a
   ;; key `image =', a member `db.port' and `env(' are not keywords here.
   `(("\\_<\\(env\\|field\\|file\\)\\s-*(" 1 'todok-function-face)
     ("\\_<\\([A-Za-z_][-A-Za-z0-9_.]*\\)\\s-*=" 1 'todok-key-face)
     (,todok--reference-re . 'todok-reference-face))
   (mapcar (lambda (role)
             (cons (regexp-opt (cdr role) 'symbols) (list 0 (list 'quote (car role)))))
           todok-keywords)
   '(("\\_<[0-9]+\\(?:\\.[0-9]+\\)?\\(?:[KMGTPE]i\\|[numkMGTPEs]\\)?\\_>%?"
      . 'todok-number-face)
     ("=\\|\\.\\.\\|->" . 'todok-operator-face)))
  "Font-lock rules for `todok-mode'.")

(defvar todok-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (dolist (c '(?. ?= ?% ?, ?$ ?> ?/ ?:))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table for `todok-mode': `#' comments, names with `-'.")

(defun todok-indent-line ()
  "Indent the current line by its depth in braces, brackets and parens."
  (interactive)
  (let* ((depth (car (save-excursion (syntax-ppss (line-beginning-position)))))
         (closer (save-excursion
                   (back-to-indentation)
                   (looking-at-p "[]})]")))
         (column (* todok-indent-offset (max 0 (if closer (1- depth) depth)))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

;;;###autoload
(define-derived-mode todok-mode prog-mode "Todok"
  "Major mode for editing .todok stack descriptions (compiled by todokc)."
  :syntax-table todok-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+\\s-*")
  (setq-local comment-end "")
  (setq-local indent-line-function #'todok-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local electric-indent-chars (append "}])" electric-indent-chars))
  (setq-local font-lock-defaults '(todok-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.todok\\'" . todok-mode))

;;;; The language server: `todokc lsp' through eglot, when eglot is loaded.

(defcustom todok-lsp-command '("todokc" "lsp")
  "The command that starts the todokc language server, for eglot.
Diagnostics, hover, go to definition, completion, formatting and the
outline of a .todok buffer come from it: \\[eglot] in a `todok-mode'
buffer starts it."
  :type '(repeat string))

(defun todok--lsp-contact (&optional _interactive)
  "The contact eglot starts for `todok-mode': `todok-lsp-command'."
  todok-lsp-command)

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(todok-mode . todok--lsp-contact)))

(provide 'todok-mode)
;;; todok-mode.el ends here
