;;; keywords-check.el --- drift check for todok-mode  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by ../keywords-test.sh: fontifies $TODOK_KW_FILE in `todok-mode' and,
;; for each "LINE COL SPELLING ROLE" of $TODOK_KW_POSITIONS, checks that the
;; whole word has the face `todok-ROLE-face', one that inherits a keyword or
;; type face (the function role: any face of its own).  Prints one line per
;; wrong word and exits 1 if there is one.

;;; Code:

(require 'todok-mode)

(defun todok-kw-inherits-p (face parents)
  "Non-nil if FACE is or inherits (transitively) one of PARENTS."
  (let ((seen nil))
    (while (and face (symbolp face) (not (memq face parents)) (not (memq face seen)))
      (push face seen)
      (setq face (face-attribute face :inherit nil)))
    (and face (memq face parents))))

(let ((entries (with-temp-buffer
                 (insert-file-contents (getenv "TODOK_KW_POSITIONS"))
                 (mapcar #'split-string (split-string (buffer-string) "\n" t))))
      (errors 0))
  (with-temp-buffer
    (insert-file-contents (getenv "TODOK_KW_FILE"))
    (todok-mode)
    (font-lock-ensure)
    (pcase-dolist (`(,line ,col ,word ,role) entries)
      (let ((want (intern (format "todok-%s-face" role)))
            (faces nil))
        (goto-char (point-min))
        (forward-line (1- (string-to-number line)))
        (forward-char (1- (string-to-number col)))
        (dotimes (i (length word))
          (push (get-text-property (+ (point) i) 'face) faces))
        (setq faces (delete-dups faces))
        (unless (and (facep want)
                     (equal faces (list want))
                     (or (equal role "function")
                         (todok-kw-inherits-p
                          want '(font-lock-keyword-face font-lock-type-face))))
          (setq errors (1+ errors))
          (princ (format "%s (%s) at %s:%s: faces %S, want %s\n"
                         word role line col faces want))))))
  (kill-emacs (if (> errors 0) 1 0)))

;;; keywords-check.el ends here
