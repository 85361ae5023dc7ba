# Bash completion for todokc(1).                          -*- shell-script -*-
# Installed as PREFIX/share/bash-completion/completions/todokc (loaded on
# demand by bash-completion); without bash-completion, source this file from
# ~/.bashrc. It needs nothing from bash-completion.
#
# Completes the options; the values of --format (yaml json), --emit (dot),
# --diagnostics (json text), --color (auto always never), --capacity (cpu= memory=), --order-annotations
# (argocd kpt), -D (the params of the .todok file on the command line) and
# --profile (the profiles that file declares); files for --env-file and
# --depfile; folders for -o; and .todok files (and folders) for the input.
# Both "--opt VALUE" and "--opt=VALUE" are understood. As the first word,
# the subcommands fmt, lsp and import too; after fmt, its options and .todok
# files; after import, compose, then its own options, --expose's values and
# Compose files (*.yml, *.yaml).

# Whether option $1 takes a value (as the next word, or after '=').
_todokc_takes_value()
{
    case $1 in
    -o | -D | --format | --profile | --env-file | --depfile | --emit | --capacity | \
        --wait-image | --job-wait-image | --diagnostics | --color | --order-annotations)
        return 0 ;;
    esac
    return 1
}

# Prints the names that the .todok file on the command line declares with
# WORD NAME (param tag = ..., profile prod {), once each, comments left out;
# WORD is param or profile.
_todokc_declared()
{
    local input
    input=$(_todokc_input)
    [[ -n $input && -r $input ]] || return 0
    local end='[[:space:]=]'
    [[ $1 == profile ]] && end='[[:space:]]*\{'
    sed -e 's/#.*//' -- "$input" 2>/dev/null |
        grep -oE "(^|[[:space:]{])$1[[:space:]]+[a-z][-a-z0-9]*$end" |
        sed -E "s/.*$1[[:space:]]+([-a-z0-9]+).*/\1/" | LC_ALL=C sort -u
}

# Prints the candidates (one a line) for the value VALUE of option OPT.
_todokc_values()
{
    local IFS=$' \t\n'
    local opt=$1 value=$2
    case $opt in
    --format) compgen -W 'yaml json' -- "$value" ;;
    --emit) compgen -W 'dot' -- "$value" ;;
    --diagnostics) compgen -W 'json text' -- "$value" ;;
    --color) compgen -W 'auto always never' -- "$value" ;;
    --order-annotations) compgen -W 'argocd kpt' -- "$value" ;;
    --capacity)
        case $value in
        *=*) ;;
        *) compgen -W 'cpu= memory=' -- "$value" ;;
        esac ;;
    --env-file | --depfile) compgen -f -- "$value" ;;
    -o) compgen -d -- "$value" ;;
    -D) compgen -W "$(_todokc_declared param)" -S '=' -- "$value" ;;
    --profile) compgen -W "$(_todokc_declared profile)" -- "$value" ;;
    --wait-image | --job-wait-image) ;;
    esac
}

# The input file named so far on the command line (the first word that is
# neither an option nor an option's value), if any.
_todokc_input()
{
    local i w skip=''
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        ((i == COMP_CWORD)) && continue
        w=${COMP_WORDS[i]}
        if [[ -n $skip ]]; then
            skip=''
            [[ $w == = ]] && skip=1 # --opt = value, split at '='
            continue
        fi
        if [[ $w == = ]]; then # -DNAME=VALUE, -D NAME=VALUE: split at '='
            skip=1
            continue
        fi
        if _todokc_takes_value "$w"; then
            skip=1
            continue
        fi
        case $w in
        -) ;;
        -*) ;;
        *)
            printf '%s\n' "$w"
            return ;;
        esac
    done
}

# `todokc import compose ...`: prints the candidates for the word cur,
# after prev (extglob set).
_todokc_import()
{
    local IFS=$' \t\n'
    local cur=$1 prev=$2
    if ((COMP_CWORD == 2)); then
        compgen -W 'compose' -- "$cur"
        return
    fi
    case $prev in
    --expose) compgen -W 'nodeport loadbalancer clusterip' -- "$cur" ;;
    --env-file) compgen -f -- "$cur" ;;
    -o) compgen -f -X '!*.todok' -- "$cur"; compgen -d -- "$cur" ;;
    --profile | --name) ;;
    *)
        if [[ $cur == -* ]]; then
            compgen -W '-o --force --expose --env-file --profile --name --werror
                --diagnostics=json --diagnostics=text --help' -- "$cur"
        else
            compgen -f -X '!*.@(yml|yaml)' -- "$cur"
            compgen -d -- "$cur"
        fi ;;
    esac
}

# Completes the words after a subcommand (COMP_WORDS[1]).
_todokc_subcommand()
{
    local cur=${COMP_WORDS[COMP_CWORD]} candidates=
    case ${COMP_WORDS[1]} in
    fmt)
        if [[ $cur == -* ]]; then
            candidates=$(compgen -W '-w --check --help' -- "$cur")
        else
            compopt -o filenames 2>/dev/null
            candidates=$(compgen -f -X '!*.todok' -- "$cur"; compgen -d -- "$cur")
        fi ;;
    lsp) [[ $cur == -* ]] && candidates=$(compgen -W '--help' -- "$cur") ;;
    import)
        compopt -o filenames 2>/dev/null
        candidates=$(shopt -s extglob; _todokc_import "$cur" "${COMP_WORDS[COMP_CWORD - 1]}") ;;
    esac
    [[ -n $candidates ]] && mapfile -t COMPREPLY <<<"$candidates"
    return 0
}

_todokc()
{
    local IFS=$' \t\n'
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prev2='' opt='' value='' prefix=''
    ((COMP_CWORD >= 1)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    ((COMP_CWORD >= 2)) && prev2=${COMP_WORDS[COMP_CWORD - 2]}
    COMPREPLY=()
    if ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[1]} == fmt || ${COMP_WORDS[1]} == lsp || ${COMP_WORDS[1]} == import ]]; then
        _todokc_subcommand
        return 0
    fi

    # Which option's value is being completed, if any.
    if [[ $cur == = && $prev == --* ]]; then # "--opt=" split at '='
        opt=$prev value=
    elif [[ $prev == = && $prev2 == --* ]]; then # "--opt=val" split at '='
        opt=$prev2 value=$cur
    elif [[ $cur == --*=* ]]; then # '=' is not a word break
        opt=${cur%%=*} value=${cur#*=} prefix=$opt=
    elif [[ $cur == -D?* ]]; then # -DNAME=VALUE
        opt=-D value=${cur#-D} prefix=-D
    else
        _todokc_takes_value "$prev" && opt=$prev value=$cur
    fi

    local candidates
    if [[ -n $opt ]]; then
        case $opt in
        --env-file | --depfile | -o) compopt -o filenames 2>/dev/null ;;
        --capacity | -D) compopt -o nospace 2>/dev/null ;;
        esac
        candidates=$(_todokc_values "$opt" "$value")
    elif [[ $cur == -* ]]; then
        candidates=$(compgen -W '-o -D --format --profile --env-file --check
            --depfile --emit --capacity --no-wait --wait-image --job-wait-image
            --werror --fail-if-locked --diagnostics=json --diagnostics=text
            --color= --order-annotations --version --help' -- "$cur")
        [[ $candidates == *= ]] && compopt -o nospace 2>/dev/null
    else
        compopt -o filenames 2>/dev/null
        candidates=$(compgen -f -X '!*.todok' -- "$cur"; compgen -d -- "$cur")
        ((COMP_CWORD == 1)) && candidates+=$'\n'$(compgen -W 'fmt lsp import' -- "$cur")
        candidates=$(sed '/^$/d' <<<"$candidates")
    fi
    [[ -n $candidates ]] || return 0
    local -a list
    local c
    mapfile -t list <<<"$candidates"
    for c in "${list[@]}"; do
        COMPREPLY+=("$prefix$c")
    done
}
complete -F _todokc todokc
