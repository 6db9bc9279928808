/** Marks the diagram elements the current lesson step points at (by their accessible names), so CSS can ring them. */
import { useEffect } from 'react';
import { lessonById } from '../../lessons';
import { useUiStore } from '../store/ui-store';

export function LessonHighlights() {
  const progress = useUiStore((s) => s.lesson);
  const objects = useUiStore((s) => s.objects);
  useEffect(() => {
    const step = progress ? lessonById(progress.id)?.steps[progress.step] : undefined;
    const marked: Element[] = [];
    for (const label of step?.highlight ?? []) {
      const el = document.querySelector(`.react-flow [aria-label="${CSS.escape(label)}"]`);
      if (el) {
        el.setAttribute('data-lesson-highlight', 'true');
        marked.push(el);
      }
    }
    return () => marked.forEach((el) => el.removeAttribute('data-lesson-highlight'));
  }, [progress, objects]);
  return null;
}
